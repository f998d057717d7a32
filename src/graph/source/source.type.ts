import { Field, Int, ObjectType } from 'type-graphql';
import { Entity, Node } from '../entity/entity.type';
import { SourceKind } from '../enums';

@ObjectType({
  implements: [Node, Entity],
  simpleResolvers: true,
  description: 'A document claims rest on: an article, a publication, a registry record or an ontology.',
})
export class Source extends Entity {
  @Field(() => String, { description: 'Title of the document (the same as name).' })
  title!: string;

  @Field(() => SourceKind, { description: 'What kind of document.' })
  kind!: string;

  @Field(() => Int, { nullable: true, description: 'Year of publication.' })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'Authors, e.g. "Amirdelfan K, et al.".' })
  authors!: string | null;

  @Field(() => String, { nullable: true, description: 'Journal.' })
  journal!: string | null;

  @Field(() => String, { nullable: true, description: 'DOI.' })
  doi!: string | null;

  @Field(() => String, { nullable: true, description: 'PubMed id.' })
  pmid!: string | null;

  @Field(() => String, { nullable: true, description: 'PubMed Central id.' })
  pmcid!: string | null;

  @Field(() => String, { nullable: true, description: 'Trial registry id, for registry records.' })
  registryId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where to read it: the URL given, else one derived from DOI, PMID or PMCID.',
  })
  url!: string | null;
}
