// The footer's note on the data: which release the graph is at and how to cite it, in the words
// of docs/DATA.md (src/release/licence.ts writes both). Before the first release it says the data
// is unreleased; while the version cannot be read it says nothing, since every page explains its
// own failures.
import { citationText } from '../../src/release/licence';
import { useQuery } from './useQuery';

export const DATA_VERSION = `
query ExplorerDataVersion {
  stats { dataVersion releasedAt changedSinceRelease }
}`;

export interface DataVersionResult {
  stats: { dataVersion: string | null; releasedAt: string | null; changedSinceRelease: boolean };
}

export function DataVersion() {
  const { data } = useQuery<DataVersionResult>(DATA_VERSION, {});
  if (data === undefined) {
    return null;
  }
  const { dataVersion, releasedAt, changedSinceRelease } = data.stats;
  if (dataVersion === null || releasedAt === null) {
    return <p data-testid="data-version">Unreleased data: no data release has been made from this graph yet.</p>;
  }
  const date = releasedAt.slice(0, 10);
  return (
    <div data-testid="data-version" data-version={dataVersion}>
      <p>
        Data release {dataVersion} ({date}).
        {changedSinceRelease && ' The graph has changed since this release, so what you see may differ from it.'}
      </p>
      <p>
        How to cite it: <q className="citation-text">{citationText({ version: dataVersion, date })}</q> Add the sha256
        of the release&apos;s manifest.json to pin the exact files.
      </p>
    </div>
  );
}
