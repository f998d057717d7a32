// The shell: skip link, header (brand, navigation, search), the current page and a footer with the
// data release and how to cite it. Pages
// that need a large library (Cytoscape for the graph, Chart.js for the dashboard) load lazily, so
// the first page stays small. A render failure anywhere shows a friendly message, never a trace.
import { Component, type ReactNode, Suspense, lazy, useEffect } from 'react';
import { BrowsePage } from './BrowsePage';
import { Loading, PageHeading } from './components';
import { DataVersion } from './DataVersion';
import { EntityPage } from './EntityPage';
import { HomePage } from './HomePage';
import { PathsPage } from './PathsPage';
import { Link, type Route, hrefFor, navigate, useRoute } from './router';
import { SearchBox } from './SearchBox';

const GraphPage = lazy(() => import('./GraphPage').then((module) => ({ default: module.GraphPage })));
const DashboardPage = lazy(() => import('./DashboardPage').then((module) => ({ default: module.DashboardPage })));

class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (this.state.failed) {
      return (
        <div className="error" role="alert">
          <p className="error-title">This page could not be shown.</p>
          <p className="error-detail">Reload the page to try again, or go back to the overview.</p>
          <button type="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'entity':
      return <EntityPage id={route.id} />;
    case 'graph':
      return <GraphPage id={route.id} />;
    case 'dashboard':
      return <DashboardPage condition={route.condition} />;
    case 'paths':
      return <PathsPage from={route.from} to={route.to} maxLength={route.maxLength} />;
    case 'browse':
      return <BrowsePage kind={route.kind} search={route.search} />;
    case 'not-found':
      return (
        <>
          <PageHeading title="Page not found">Page not found</PageHeading>
          <p>
            There is no explorer page at this address. <Link to={{ name: 'home' }}>Go to the overview</Link> or search
            above.
          </p>
        </>
      );
  }
}

const NAV: Array<{ route: Route; label: string }> = [
  { route: { name: 'home' }, label: 'Overview' },
  { route: { name: 'browse', search: '' }, label: 'Browse' },
  { route: { name: 'dashboard' }, label: 'Dashboard' },
  { route: { name: 'paths' }, label: 'Paths' },
];

export function App() {
  const route = useRoute();
  const href = hrefFor(route);

  useEffect(() => {
    window.scrollTo(0, 0);
  }, [href]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to={{ name: 'home' }} className="brand">
            discgraph <span className="brand-sub">explorer</span>
          </Link>
          <nav aria-label="Main">
            <ul className="nav-list">
              {NAV.map((item) => (
                <li key={item.label}>
                  <Link to={item.route} aria-current={item.route.name === route.name ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
              <li>
                <a href="/graphiql">GraphQL API</a>
              </li>
            </ul>
          </nav>
          <SearchBox
            label="Search the knowledge graph"
            placeholder="Search conditions, trials, cells…"
            hideLabel
            clearOnSelect
            onSelect={(entity) => navigate(hrefFor({ name: 'entity', id: entity.id }))}
          />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <PageErrorBoundary key={href}>
          <Suspense fallback={<Loading label="Loading the page…" />}>
            <Page route={route} />
          </Suspense>
        </PageErrorBoundary>
      </main>
      <footer className="site-footer">
        <p>
          discgraph: a knowledge graph of cell-based therapy for lower back pain. Every relationship cites its sources;
          this is research material, not medical advice.
        </p>
        <DataVersion />
      </footer>
    </>
  );
}
