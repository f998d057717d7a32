import { Field, Int, ObjectType } from 'type-graphql';
import { Entity, Node } from '../entity/entity.type';
import { ArticleType, AttributionPart, SourceKind } from '../enums';

@ObjectType({
  implements: [Node, Entity],
  simpleResolvers: true,
  description:
    'A document claims rest on, with its kind (provenance tier) and attribution: who, when, where and which version. Unknown attribution is declared in `unknownAttribution`, never left silently blank.',
})
export class Source extends Entity {
  @Field(() => String, { description: 'Title of the document (the same as name).' })
  title!: string;

  @Field(() => SourceKind, {
    description: 'What kind of document: its provenance tier, which caps the evidence level of the claims citing it.',
  })
  kind!: string;

  @Field(() => Int, { nullable: true, description: 'Year of publication.' })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'Authors, e.g. "Amirdelfan K, et al.".' })
  authors!: string | null;

  @Field(() => String, { nullable: true, description: 'Publisher: a web site, a registry, a regulator.' })
  publisher!: string | null;

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

  @Field(() => String, { nullable: true, description: 'When a web page was read (ISO date).' })
  accessed!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Version of a registry or database record (its last update), where known.',
  })
  recordVersion!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Path of the copy this project keeps, relative to the repository, when there is one.',
  })
  localCopy!: string | null;

  @Field(() => [AttributionPart], {
    description: 'Parts of the attribution its kind needs that are unknown (see docs/EVIDENCE.md).',
  })
  unknownAttribution!: string[];

  @Field(() => ArticleType, {
    nullable: true,
    description: 'For a journal article: what it reports, from its publication types; null when not known.',
  })
  articleType!: string | null;

  @Field(() => [String], { description: 'Publication types as PubMed or Europe PMC list them.' })
  publicationTypes!: string[];

  @Field(() => [String], {
    description: 'MeSH headings as PubMed lists them, "D000001 Heading" (major topics marked *).',
  })
  meshHeadings!: string[];

  @Field(() => String, { nullable: true, description: 'The abstract, as published.' })
  abstract!: string | null;

  @Field(() => String, {
    description: 'A one-line citation: authors, year, title, journal or publisher, identifiers; unknown parts say so.',
  })
  citation!: string;
}
