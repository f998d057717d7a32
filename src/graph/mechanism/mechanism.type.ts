import { ObjectType } from 'type-graphql';
import { Entity, Node } from '../entity/entity.type';

@ObjectType({
  implements: [Node, Entity],
  simpleResolvers: true,
  description: 'A way the cells may help, such as reducing inflammation (GO biological process).',
})
export class Mechanism extends Entity {}
