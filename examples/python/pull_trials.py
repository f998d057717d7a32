#!/usr/bin/env python3
"""Pull discgraph's trials and their outcomes into pandas, and the whole graph into networkx.

    python3 examples/python/pull_trials.py http://localhost:4000
    DISCGRAPH_URL=http://localhost:4000 python3 examples/python/pull_trials.py --out results/

The trials come from the GraphQL API, a page at a time through the `trials` connection's cursors
(and a trial's `outcomes` connection is paged the same way when it holds more than one page). The
graph comes from GET /export/graph.json, node-link JSON that networkx reads with no arguments. The
whole graph as tables comes from GET /export/datapackage.json, the Frictionless Data Package of
nodes.csv and edges.csv: frictionless reads it into DataFrames whose integer columns are integers
(pandas' nullable Int64 where cells are blank) and whose list columns hold lists; the same Table
Schema also gives pandas.read_csv its dtypes. The script prints a JSON summary on stdout; --out also
writes trials.csv and outcomes.csv.

Install the pinned packages first: python3 -m pip install -r examples/python/requirements.txt
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit, urlunsplit

import frictionless
import networkx as nx
import pandas as pd
import requests

TRIAL_FIELDS = """
  id name acronym registryId phase status design evidenceLevel
  enrollment startYear completionYear followUpMonths sponsor countries
"""

OUTCOME_PAGE = """
  totalCount
  pageInfo { hasNextPage endCursor }
  edges {
    evidence { claimId level sourceIds }
    node { id name measure direction instrument timepointMonths baselineValue pValue sampleSize }
  }
"""

TRIALS_QUERY = f"""
query PythonTrialsPage($first: Int!, $after: String, $outcomesFirst: Int!) {{
  trials(first: $first, after: $after) {{
    totalCount
    pageInfo {{ hasNextPage endCursor }}
    edges {{ node {{ {TRIAL_FIELDS} outcomes(first: $outcomesFirst) {{ {OUTCOME_PAGE} }} }} }}
  }}
}}
"""

MORE_OUTCOMES_QUERY = f"""
query PythonTrialOutcomes($id: ID!, $first: Int!, $after: String) {{
  trial(id: $id) {{ outcomes(first: $first, after: $after) {{ {OUTCOME_PAGE} }} }}
}}
"""

STATS_QUERY = "query PythonStats { stats { totalNodes totalRelationships } }"


class DiscgraphError(RuntimeError):
    """The server answered with GraphQL errors; the message lists their codes and messages."""


class Discgraph:
    """A minimal GraphQL-over-HTTP client for one discgraph server."""

    def __init__(self, url: str, timeout: float = 30.0, api_key: str | None = None) -> None:
        parts = urlsplit(url.rstrip("/"))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise SystemExit(f"error: {url!r} is not a server URL such as http://localhost:4000")
        self.origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        self.timeout = timeout
        self.http = requests.Session()
        # Apollo's CSRF prevention accepts JSON posts; the header says who is calling in its logs.
        self.http.headers.update({"content-type": "application/json", "user-agent": "discgraph-python-example"})
        if api_key is not None:
            self.http.headers["authorization"] = f"Bearer {api_key}"
        # The latest X-Neo4j-Bookmark the server returned (after a write), sent back with every later
        # request so that they read the graph at least as new as this client's own writes, whichever
        # replica answers (README.md#read-your-writes-across-replicas).
        self.bookmark: str | None = None

    def query(self, document: str, operation_name: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self.http.post(
            f"{self.origin}/graphql",
            json={"query": document, "operationName": operation_name, "variables": variables or {}},
            timeout=self.timeout,
            headers={} if self.bookmark is None else {"x-neo4j-bookmark": self.bookmark},
        )
        self.bookmark = response.headers.get("x-neo4j-bookmark", self.bookmark)
        try:
            body = response.json()
        except ValueError:
            response.raise_for_status()
            raise DiscgraphError(f"{operation_name}: the server did not answer with JSON")
        if body.get("errors"):
            details = "; ".join(
                f"{e.get('extensions', {}).get('code', '?')}: {e.get('message')}" for e in body["errors"]
            )
            raise DiscgraphError(f"{operation_name} failed ({details})")
        response.raise_for_status()
        return body["data"]

    def trials(self, page_size: int, outcomes_page_size: int) -> Iterator[dict[str, Any]]:
        """Every trial, its `outcomes` connection completed (all pages merged into `edges`)."""
        after = None
        while True:
            page = self.query(
                TRIALS_QUERY,
                "PythonTrialsPage",
                {"first": page_size, "after": after, "outcomesFirst": outcomes_page_size},
            )["trials"]
            for edge in page["edges"]:
                trial = edge["node"]
                trial["outcomes"]["edges"] = list(self._all_outcomes(trial, outcomes_page_size))
                yield trial
            if not page["pageInfo"]["hasNextPage"]:
                return
            after = page["pageInfo"]["endCursor"]

    def _all_outcomes(self, trial: dict[str, Any], page_size: int) -> Iterator[dict[str, Any]]:
        page = trial["outcomes"]
        while True:
            yield from page["edges"]
            if not page["pageInfo"]["hasNextPage"]:
                return
            page = self.query(
                MORE_OUTCOMES_QUERY,
                "PythonTrialOutcomes",
                {"id": trial["id"], "first": page_size, "after": page["pageInfo"]["endCursor"]},
            )["trial"]["outcomes"]

    def graph(self) -> nx.MultiDiGraph:
        """The whole graph from /export/graph.json: entities as nodes, claims as keyed edges."""
        response = self.http.get(f"{self.origin}/export/graph.json", timeout=self.timeout)
        if response.status_code == 404:
            raise DiscgraphError("GET /export/graph.json answered 404: this server has no graph export")
        response.raise_for_status()
        # The edge list is under "edges", node_link_graph's default since networkx 3.6.
        return nx.node_link_graph(response.json())

    def tables(self) -> tuple[frictionless.Package, pd.DataFrame, pd.DataFrame]:
        """The data package of nodes.csv and edges.csv, and the two read through it, indexed by id."""
        package = frictionless.Package(f"{self.origin}/export/datapackage.json")
        nodes, edges = (package.get_table_resource(name).to_pandas() for name in ("nodes", "edges"))
        return package, nodes, edges


PANDAS_DTYPES = {"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "string"}


def json_list(cell: str) -> list | None:
    return json.loads(cell) if cell else None


def read_csv_typed(resource: frictionless.TableResource) -> pd.DataFrame:
    """The resource read by pandas alone, dtypes from its Table Schema: the other way to the same columns."""
    schema = resource.schema
    fields = schema.fields
    frame = pd.read_csv(
        resource.normpath,
        dtype={f.name: PANDAS_DTYPES[f.type] for f in fields if f.type in PANDAS_DTYPES},
        # Lists are JSON arrays in a cell; a blank cell is an absent list.
        converters={f.name: json_list for f in fields if f.type == "array"},
        # Only what the schema calls missing is missing: "NA" or "null" is text.
        keep_default_na=False,
        na_values=schema.missing_values,
    )
    for f in fields:
        if f.type == "date":
            frame[f.name] = pd.to_datetime(frame[f.name], format="%Y-%m-%d")
        elif f.type == "datetime":
            frame[f.name] = pd.to_datetime(frame[f.name], format="ISO8601", utc=True)
    return frame.set_index(schema.primary_key)


def trial_frames(trials: list[dict[str, Any]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per trial; one row per (trial, outcome) with the evidence of the HAS_OUTCOME claim."""
    trial_rows = []
    outcome_rows = []
    for trial in trials:
        outcomes = trial["outcomes"]
        row = {k: v for k, v in trial.items() if k != "outcomes"}
        row["countries"] = ", ".join(trial["countries"])
        row["outcome_count"] = outcomes["totalCount"]
        trial_rows.append(row)
        for edge in outcomes["edges"]:
            outcome = edge["node"]
            evidence = edge["evidence"]
            outcome_rows.append(
                {
                    "trial_id": trial["id"],
                    "trial_name": trial["name"],
                    "outcome_id": outcome["id"],
                    **{k: v for k, v in outcome.items() if k != "id"},
                    "claim_id": evidence["claimId"],
                    "evidence_level": evidence["level"],
                    "sources": ", ".join(evidence["sourceIds"]),
                }
            )
    trials_df = pd.DataFrame(trial_rows)
    outcomes_df = pd.DataFrame(outcome_rows)
    for df in (trials_df, outcomes_df):
        # Whole numbers that may be missing stay integers (pandas' nullable Int64), not floats.
        for column in ("enrollment", "startYear", "completionYear", "sampleSize"):
            if column in df:
                df[column] = df[column].astype("Int64")
    return trials_df, outcomes_df


def first_value(column: pd.Series) -> Any:
    present = column.dropna()
    return present.iloc[0] if len(present) else None


def table_summary(frame: pd.DataFrame, schema: frictionless.Schema) -> dict:
    """How each typed column loaded: its dtype, and for lists and text the Python type of a value."""
    columns = {f.name: f.type for f in schema.fields if f.name in frame.columns}
    return {
        "rows": len(frame),
        "index": list(frame.index.names),
        "integerDtypes": {name: str(frame[name].dtype) for name, kind in columns.items() if kind == "integer"},
        "listValueTypes": {
            name: type(first_value(frame[name])).__name__ for name, kind in columns.items() if kind == "array"
        },
        "dtypes": {name: str(frame[name].dtype) for name in columns},
    }


def summarise(
    trials_df: pd.DataFrame,
    outcomes_df: pd.DataFrame,
    graph: nx.MultiDiGraph,
    stats: dict,
    tables: dict,
) -> dict:
    degree = sorted(graph.degree(), key=lambda pair: (-pair[1], pair[0]))[:5]
    return {
        "trials": len(trials_df),
        "outcomes": len(outcomes_df),
        "trialsByPhase": {k: int(v) for k, v in trials_df["phase"].value_counts().sort_index().items()},
        "outcomesByDirection": (
            {k: int(v) for k, v in outcomes_df["direction"].value_counts().sort_index().items()}
            if len(outcomes_df)
            else {}
        ),
        "totalEnrollment": int(trials_df["enrollment"].sum()) if len(trials_df) else 0,
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "directed": graph.is_directed(),
        "multigraph": graph.is_multigraph(),
        "mostConnected": [{"id": node, "degree": d} for node, d in degree],
        "stats": stats,
        "tables": tables,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "url",
        nargs="?",
        default=os.environ.get("DISCGRAPH_URL", "http://localhost:4000"),
        help="the server, e.g. http://localhost:4000 (default: $DISCGRAPH_URL, else that)",
    )
    parser.add_argument("--page-size", type=int, default=25, help="trials per GraphQL page (default 25)")
    parser.add_argument("--outcomes-page-size", type=int, default=10, help="outcomes per page of a trial")
    parser.add_argument("--out", type=Path, help="also write trials.csv and outcomes.csv into this folder")
    args = parser.parse_args(argv)

    client = Discgraph(args.url)
    try:
        trials = list(client.trials(args.page_size, args.outcomes_page_size))
        trials_df, outcomes_df = trial_frames(trials)
        graph = client.graph()
        stats = client.query(STATS_QUERY, "PythonStats")["stats"]
        package, nodes_df, edges_df = client.tables()
        nodes_by_pandas = read_csv_typed(package.get_table_resource("nodes"))
    except (DiscgraphError, requests.RequestException, frictionless.FrictionlessException) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    nodes_schema = package.get_table_resource("nodes").schema
    # The first PubMed id: identifiers of digits stay text, never floats.
    pmids = nodes_df["pmid"].dropna()
    tables = {
        "nodes": table_summary(nodes_df, nodes_schema),
        "edges": table_summary(edges_df, package.get_table_resource("edges").schema),
        "nodesByPandas": table_summary(nodes_by_pandas, nodes_schema),
        "pmid": {"id": pmids.index[0], "value": pmids.iloc[0]} if len(pmids) else None,
    }

    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        trials_df.to_csv(args.out / "trials.csv", index=False)
        outcomes_df.to_csv(args.out / "outcomes.csv", index=False)
    print(json.dumps(summarise(trials_df, outcomes_df, graph, stats, tables), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
