package dev.maverick.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.ComparisonOperator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The chart on fixed data. Plot area: x 64..756 (692 wide), y 40..206 (166 high); values 0.5..1.0
 * and the threshold 0.85, padded by 12% of the range: the y axis runs from 0.44 to 1.06.
 */
class TriggerChartTest {
  private static final Instant FROM = Instant.parse("2026-11-23T10:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofMinutes(10));

  /** One evaluation a minute from 10:00 to 10:10; breaching (below 0.85) from 10:03 to 10:06. */
  private static TriggerSeries series(Duration forWindow, double... values) {
    List<TriggerSeries.Point> points = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      points.add(new TriggerSeries.Point(FROM.plus(Duration.ofMinutes(i)), Double.isNaN(values[i]) ? null : values[i],
          values[i] < 0.85));
    }
    return new TriggerSeries("embeddingSuccessRate", ComparisonOperator.LessThan, 0.85, forWindow, points);
  }

  private static final double[] DIP = {1.0, 0.95, 0.9, 0.7, 0.6, 0.5, 0.65, 0.9, 0.92, 0.94, 0.95};

  private static Document parse(String svg) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> byClass(Document svg, String cssClass) {
    List<Element> found = new ArrayList<>();
    for (String tag : List.of("line", "rect", "path", "circle", "text")) {
      NodeList nodes = svg.getElementsByTagName(tag);
      for (int i = 0; i < nodes.getLength(); i++) {
        Element element = (Element) nodes.item(i);
        if (List.of(element.getAttribute("class").split(" ")).contains(cssClass)) {
          found.add(element);
        }
      }
    }
    return found;
  }

  @Test
  void theThresholdLineSitsAtItsValue() throws Exception {
    Document svg = parse(TriggerChart.svg("chart-0-0", series(Duration.ofMinutes(2), DIP), FROM, TO));

    Element threshold = byClass(svg, "threshold").get(0);
    // 40 + (1.06 - 0.85) / (1.06 - 0.44) * 166
    assertThat(threshold.getAttribute("y1")).isEqualTo("96.2");
    assertThat(threshold.getAttribute("y2")).isEqualTo("96.2");
    assertThat(threshold.getAttribute("x1")).isEqualTo("64");
    assertThat(threshold.getAttribute("x2")).isEqualTo("756");
    assertThat(byClass(svg, "threshold-label").get(0).getTextContent()).isEqualTo("threshold 0.85");
    // the highest value (1.0) is drawn above the line, the lowest (0.5) below it
    List<Element> points = byClass(svg, "point");
    assertThat(points.get(0).getAttribute("cy")).isEqualTo("56.1");
    assertThat(points.get(5).getAttribute("cy")).isEqualTo("189.9");
  }

  @Test
  void aBreachingStretchIsShadedUntilTheFirstEvaluationThatDidNotBreach() throws Exception {
    Document svg = parse(TriggerChart.svg("chart-0-0", series(Duration.ofMinutes(2), DIP), FROM, TO));

    assertThat(byClass(svg, "breach")).singleElement().satisfies(breach -> {
      assertThat(breach.getAttribute("data-from")).isEqualTo("2026-11-23T10:03:00Z");
      assertThat(breach.getAttribute("data-to")).isEqualTo("2026-11-23T10:07:00Z");
      assertThat(breach.getAttribute("x")).isEqualTo("271.6");
      assertThat(breach.getAttribute("width")).isEqualTo("276.8");
      assertThat(breach.getAttribute("y")).isEqualTo("40");
      assertThat(breach.getAttribute("height")).isEqualTo("166");
    });
    assertThat(byClass(svg, "point")).filteredOn(p -> p.getAttribute("class").contains("breaching")).hasSize(4);
  }

  @Test
  void theForWindowRunsFromTheStartOfTheBreachToWhereTheActionIsDue() throws Exception {
    Document svg = parse(TriggerChart.svg("chart-0-0", series(Duration.ofMinutes(2), DIP), FROM, TO));

    assertThat(byClass(svg, "for-window")).singleElement().satisfies(window -> {
      assertThat(window.getAttribute("x")).isEqualTo("271.6");
      assertThat(window.getAttribute("width")).isEqualTo("138.4");
      assertThat(window.getAttribute("data-due")).isEqualTo("2026-11-23T10:05:00Z");
    });
    // the stretch lasted 4m, longer than for: the marker shows where the action was due
    assertThat(byClass(svg, "for-window-end")).singleElement()
        .satisfies(end -> assertThat(end.getAttribute("x1")).isEqualTo("410.0"));
  }

  @Test
  void aStretchShorterThanForHasNoActionMarker() throws Exception {
    Document svg = parse(TriggerChart.svg("chart-0-0", series(Duration.ofMinutes(5), DIP), FROM, TO));

    assertThat(byClass(svg, "for-window")).singleElement()
        .satisfies(window -> assertThat(window.getAttribute("width")).isEqualTo("276.8"));
    assertThat(byClass(svg, "for-window-end")).isEmpty();
  }

  @Test
  void withoutABreachTheForWindowIsShownEndingNow() throws Exception {
    Document svg = parse(TriggerChart.svg("chart-0-0", series(Duration.ofMinutes(2), 0.9, 0.95, 0.9), FROM, TO));

    assertThat(byClass(svg, "breach")).isEmpty();
    assertThat(byClass(svg, "for-window")).singleElement().satisfies(window -> {
      assertThat(window.getAttribute("class")).isEqualTo("for-window idle");
      assertThat(window.getAttribute("x")).isEqualTo("617.6");
    });
  }

  @Test
  void anEvaluationWithoutDataBreaksTheLine() throws Exception {
    Document svg = parse(TriggerChart.svg("chart-0-0", series(Duration.ofMinutes(2), 0.9, Double.NaN, 0.95), FROM,
        TO));

    // y axis 0.838..0.962 here (threshold 0.85 to 0.95, padded): two separate moves, no line across the gap
    assertThat(byClass(svg, "series").get(0).getAttribute("d")).isEqualTo("M64.0,123.0 M202.4,56.1");
    assertThat(byClass(svg, "no-data")).hasSize(1);
  }

  @Test
  void actionMarkersCloseTogetherShareOneLabel() throws Exception {
    // two stretches of 1m, 2m apart, with for 0s: each has its marker, the second label would overlap the first
    Document svg = parse(TriggerChart.svg("chart-0-0", series(Duration.ZERO, 0.9, 0.5, 0.9, 0.5, 0.9), FROM, TO));

    assertThat(byClass(svg, "for-window-end")).hasSize(2);
    assertThat(byClass(svg, "for-window-label")).singleElement()
        .satisfies(label -> assertThat(label.getTextContent()).isEqualTo("for 0s held: action due"));
  }

  @Test
  void timeAxisIsLabelledWithClockTimes() throws Exception {
    Document svg = parse(TriggerChart.svg("chart-0-0", series(Duration.ofMinutes(2), DIP), FROM, TO));

    assertThat(byClass(svg, "x-tick")).extracting(Element::getTextContent)
        .containsExactly("10:00", "10:02", "10:04", "10:06", "10:08", "10:10");
    assertThat(byClass(svg, "axis-label")).extracting(Element::getTextContent).containsExactly("time (UTC)", "value");
  }

  @Test
  void theChartStartsAtTheFirstPointWithinTheWindow() {
    TriggerSeries dip = series(Duration.ofMinutes(2), DIP);
    assertThat(TriggerChart.start(List.of(dip), TO, Duration.ofHours(2))).isEqualTo(FROM);
    assertThat(TriggerChart.start(List.of(dip), TO, Duration.ofMinutes(5))).isEqualTo(TO.minus(Duration.ofMinutes(5)));
    assertThat(TriggerChart.start(List.of(dip), FROM.plusSeconds(30), Duration.ofHours(2)))
        .isEqualTo(FROM.plusSeconds(30).minus(TriggerChart.MIN_SPAN));
  }
}
