package dev.maverick.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.navigation.CelNavigableAst;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rough, conservative stand-in for the API server's CEL cost estimate, which rejects a CRD whose
 * rules cost more than 100,000,000 in total. A rule counts once for every value it may be
 * evaluated on: the product of maxItems of the lists above it, where a list without maxItems is
 * taken to hold as many of the smallest element ("{}") as fit in a 3 MiB request, as the API
 * server estimates. A rule's own cost is taken as twice its number of CEL expression nodes
 * (selects, calls, literals; comparing enum strings costs a little more than one). A new rule on
 * an unbounded nested list fails this test: give the lists a maxItems (@Size on the api record).
 */
class CelCostBudgetTest {
  private static final long CRD_COST_LIMIT = 100_000_000L;
  private static final long MAX_REQUEST_BYTES = 3 * 1024 * 1024;
  private static final long UNBOUNDED_ITEMS = (MAX_REQUEST_BYTES - 2) / ("{}".length() + 1);

  @Test
  void everyCrdStaysWithinTheApiServersCelCostLimit() {
    for (String kind : Crds.BY_KIND.keySet()) {
      JsonNode schema = Crds.openApiSchema(kind);
      List<String> costs = new ArrayList<>();
      long total = 0;
      for (CelRule rule : CelRule.collect(kind, schema)) {
        long cardinality = cardinality(schema, rule.path());
        long cost = 2 * CelNavigableAst.fromAst(rule.ast()).getRoot().allNodes().count();
        total += cardinality * cost;
        costs.add(rule + ": " + cardinality + " x " + cost);
      }
      assertThat(total).as(kind + " estimated CEL cost, by rule: " + costs).isLessThan(CRD_COST_LIMIT);
    }
  }

  /** How many values the node at {@code path} may have in one object. */
  private static long cardinality(JsonNode schema, String path) {
    long cardinality = 1;
    JsonNode node = schema;
    for (String segment : path.isEmpty() ? new String[0] : path.split("\\.")) {
      boolean items = segment.endsWith("[]");
      boolean values = segment.endsWith("{}");
      node = node.path("properties").path(items || values ? segment.substring(0, segment.length() - 2) : segment);
      if (items) {
        cardinality *= node.has("maxItems") ? node.get("maxItems").asLong() : UNBOUNDED_ITEMS;
        node = node.path("items");
      } else if (values) {
        cardinality *= node.has("maxProperties") ? node.get("maxProperties").asLong() : UNBOUNDED_ITEMS;
        node = node.path("additionalProperties");
      }
    }
    return cardinality;
  }
}
