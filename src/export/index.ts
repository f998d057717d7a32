// Export of the whole graph in four formats, shared by `npm run export`, the /export/* HTTP
// routes and releases. Everything streams: a format is an async generator of text chunks over a
// GraphSource (keyset pages from Neo4j), consumed at the pace of the file or the HTTP client. The
// csv format also writes datapackage.json, the Table Schema of its two files.
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { edgesCsvChunks, nodesCsvChunks } from './csv';
import { DATAPACKAGE_FILE, dataPackageChunks } from './datapackage';
import { graphmlChunks } from './graphml';
import { nodeLinkChunks, type NodeLinkOptions } from './json';
import type { GraphSource } from './export.repository';
import { seedFiles } from './seed';

export { databaseSource, type GraphSource, type ReadOptions } from './export.repository';
export { ExportError } from './records';
export { readImportDir, type ImportFormat } from './import';
export { DEFAULT_EDGE_KEY, EDGE_KEYS, type EdgeKey, isEdgeKey } from './json';

export const EXPORT_FORMATS = ['seed', 'json', 'csv', 'graphml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  file: string;
  chunks: () => AsyncIterable<string>;
}

/** Choices within a format; each applies to one format only. */
export type ExportOptions = NodeLinkOptions;

/** The files one format writes, each a lazily started stream of text. */
export function exportFiles(format: ExportFormat, source: GraphSource, options: ExportOptions = {}): ExportFile[] {
  switch (format) {
    case 'seed':
      return seedFiles(source);
    case 'json':
      return [{ file: 'graph.json', chunks: () => nodeLinkChunks(source, options) }];
    case 'csv':
      return [
        { file: 'nodes.csv', chunks: () => nodesCsvChunks(source) },
        { file: 'edges.csv', chunks: () => edgesCsvChunks(source) },
        { file: DATAPACKAGE_FILE, chunks: () => dataPackageChunks() },
      ];
    case 'graphml':
      return [{ file: 'graph.graphml', chunks: () => graphmlChunks(source) }];
  }
}

/** Joins small chunks into blocks of about `size` characters, so writes are few and large. */
export async function* batched(chunks: AsyncIterable<string>, size = 64 * 1024): AsyncGenerator<string> {
  let block = '';
  for await (const chunk of chunks) {
    block += chunk;
    if (block.length >= size) {
      yield block;
      block = '';
    }
  }
  if (block !== '') {
    yield block;
  }
}

/**
 * Writes a format into a folder (created when missing). Each file is written beside its target
 * and renamed into place only when every file of the format is complete, so a failed export
 * leaves the folder as it was. Returns the paths written.
 */
export async function writeExport(
  format: ExportFormat,
  source: GraphSource,
  outDir: string,
  options: ExportOptions = {},
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files = exportFiles(format, source, options).map((f) => ({
    ...f,
    target: path.join(outDir, f.file),
    temporary: path.join(outDir, `.${f.file}.${process.pid}.partial`),
  }));
  try {
    for (const f of files) {
      await pipeline(Readable.from(batched(f.chunks())), createWriteStream(f.temporary));
    }
    for (const f of files) {
      await rename(f.temporary, f.target);
    }
  } finally {
    await Promise.all(files.map((f) => rm(f.temporary, { force: true })));
  }
  return files.map((f) => f.target);
}
