import { Field, ObjectType } from 'type-graphql';
import { Entity, Node } from '../entity/entity.type';
import { RiskFrequency, RiskSeverity } from '../enums';

@ObjectType({
  implements: [Node, Entity],
  simpleResolvers: true,
  description: 'An adverse event or safety concern, with severity and frequency as the sources state them (HP, MONDO).',
})
export class Risk extends Entity {
  @Field(() => RiskSeverity, { nullable: true, description: 'How serious; null when no source states it.' })
  severity!: string | null;

  @Field(() => RiskFrequency, { description: 'How often.' })
  frequency!: string;
}
