package dev.maverick.prometheus;

/** Runs instant PromQL queries against one Prometheus. Never throws: failures are results. */
public interface PrometheusClient {

  /** Runs {@code promql} (placeholders already substituted) as an instant query. */
  QueryResult query(String promql);

  /** Runs {@code promql} as an instant query that yields one series per value of {@code label}. */
  GroupedResult queryGrouped(String promql, String label);
}
