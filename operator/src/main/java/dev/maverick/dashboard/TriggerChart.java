package dev.maverick.dashboard;

import dev.maverick.api.ComparisonOperator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One trigger's values as an inline SVG chart, drawn on the server (the page loads nothing): the
 * values against the threshold line, each breaching stretch shaded, and the {@code for} window
 * from the start of each stretch (the action is due where it ends). Elements carry stable classes
 * (series, threshold, breach, for-window, for-window-end) for tests and styling.
 */
final class TriggerChart {
  static final int WIDTH = 880;
  static final int HEIGHT = 250;
  static final int LEFT = 64;
  static final int RIGHT = 124;
  static final int TOP = 40;
  static final int BOTTOM = 44;
  static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
  static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
  /** The narrowest time span drawn, so that a few points do not fill the width. */
  static final Duration MIN_SPAN = Duration.ofMinutes(1);
  /** Roughly the width of one character of the chart's labels, to keep labels from overlapping. */
  private static final double CHAR_WIDTH = 6.5;
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final Duration[] TIME_STEPS = {Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1),
      Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
      Duration.ofMinutes(30), Duration.ofHours(1)};

  private final TriggerSeries series;
  private final Instant from;
  private final Instant to;
  private final double low;
  private final double high;

  private TriggerChart(TriggerSeries series, Instant from, Instant to) {
    this.series = series;
    this.from = from;
    this.to = to;
    double min = series.threshold();
    double max = series.threshold();
    for (TriggerSeries.Point point : series.points()) {
      if (point.value() != null) {
        min = Math.min(min, point.value());
        max = Math.max(max, point.value());
      }
    }
    double pad = max > min ? (max - min) * 0.12 : Math.max(Math.abs(max) * 0.1, 1);
    this.low = min - pad;
    this.high = max + pad;
  }

  /** The chart of {@code series} from {@code from} to {@code to}; {@code id} must be unique on the page. */
  static String svg(String id, TriggerSeries series, Instant from, Instant to) {
    return new TriggerChart(series, from, to).render(id);
  }

  /** Where a chart ending at {@code to} starts: the first point, within [to - window, to - MIN_SPAN]. */
  static Instant start(List<TriggerSeries> all, Instant to, Duration window) {
    Instant first = all.stream().flatMap(s -> s.points().stream()).map(TriggerSeries.Point::at)
        .min(Instant::compareTo).orElse(to);
    Instant earliest = to.minus(window);
    Instant latest = to.minus(MIN_SPAN);
    return first.isBefore(earliest) ? earliest : first.isAfter(latest) ? latest : first;
  }

  double x(Instant at) {
    double share = (double) Duration.between(from, at).toMillis() / Duration.between(from, to).toMillis();
    return LEFT + Math.max(0, Math.min(1, share)) * PLOT_WIDTH;
  }

  double y(double value) {
    return TOP + (high - value) / (high - low) * PLOT_HEIGHT;
  }

  private String render(String id) {
    StringBuilder svg = new StringBuilder(4096);
    svg.append("<svg id=\"").append(Html.escape(id)).append("\" class=\"trigger-chart\" data-trigger=\"")
        .append(Html.escape(series.trigger())).append("\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"")
        .append(HEIGHT).append("\" role=\"img\">");
    svg.append("<title>").append(Html.escape(series.trigger() + ": " + condition() + " for "
        + DurationText.of(series.forWindow()))).append("</title>");
    svg.append(rect("plot", LEFT, TOP, PLOT_WIDTH, PLOT_HEIGHT));
    legend(svg);
    grid(svg);
    breaches(svg);
    threshold(svg);
    values(svg);
    svg.append("</svg>");
    return svg.toString();
  }

  private void legend(StringBuilder svg) {
    int y = 16;
    svg.append("<g class=\"legend\">");
    svg.append(line("legend-series", LEFT, y, LEFT + 22, y)).append(text("legend-text", LEFT + 28, y + 4, "value"));
    int x = LEFT + 80;
    svg.append(line("legend-threshold", x, y, x + 22, y))
        .append(text("legend-text", x + 28, y + 4, "threshold (" + condition() + ")"));
    x += 190;
    svg.append(rect("legend-breach", x, y - 6, 22, 12)).append(text("legend-text", x + 28, y + 4, "breaching"));
    x += 105;
    svg.append(rect("legend-for-window", x, y - 4, 22, 8))
        .append(text("legend-text", x + 28, y + 4, "for window (" + DurationText.of(series.forWindow())
            + ", then the action)"));
    svg.append("</g>");
  }

  private void grid(StringBuilder svg) {
    for (double tick : valueTicks()) {
      double y = y(tick);
      svg.append(line("grid", LEFT, y, LEFT + PLOT_WIDTH, y))
          .append(text("y-tick", LEFT - 8, y + 4, Html.number(tick)));
    }
    Duration step = timeStep();
    long stepMillis = step.toMillis();
    DateTimeFormatter labels = step.toSeconds() % 60 == 0 ? MINUTES : SECONDS;
    long first = Math.floorDiv(from.toEpochMilli() + stepMillis - 1, stepMillis) * stepMillis;
    for (long t = first; t <= to.toEpochMilli(); t += stepMillis) {
      double x = x(Instant.ofEpochMilli(t));
      svg.append(line("grid", x, TOP, x, TOP + PLOT_HEIGHT))
          .append(text("x-tick", x, TOP + PLOT_HEIGHT + 16, labels.format(Instant.ofEpochMilli(t))));
    }
    svg.append(line("axis", LEFT, TOP + PLOT_HEIGHT, LEFT + PLOT_WIDTH, TOP + PLOT_HEIGHT));
    svg.append(line("axis", LEFT, TOP, LEFT, TOP + PLOT_HEIGHT));
    svg.append(text("axis-label", LEFT + PLOT_WIDTH / 2.0, HEIGHT - 6, "time (UTC)"));
    svg.append("<text class=\"axis-label\" transform=\"rotate(-90)\" x=\"").append(fmt(-(TOP + PLOT_HEIGHT / 2.0)))
        .append("\" y=\"14\">value</text>");
  }

  private void breaches(StringBuilder svg) {
    List<Instant[]> stretches = breachingStretches();
    double labelsEnd = 0;
    for (Instant[] stretch : stretches) {
      double x1 = x(stretch[0]);
      double x2 = Math.max(x(stretch[1]), x1 + 3);
      svg.append("<rect class=\"breach\" x=\"").append(fmt(x1)).append("\" y=\"").append(TOP)
          .append("\" width=\"").append(fmt(x2 - x1)).append("\" height=\"").append(PLOT_HEIGHT)
          .append("\" data-from=\"").append(stretch[0]).append("\" data-to=\"").append(stretch[1]).append("\"/>");
      Instant due = stretch[0].plus(series.forWindow());
      if (!series.forWindow().isZero()) {
        double end = x(due.isAfter(stretch[1]) ? stretch[1] : due);
        svg.append("<rect class=\"for-window\" x=\"").append(fmt(x1)).append("\" y=\"").append(TOP + 2)
            .append("\" width=\"").append(fmt(Math.max(end - x1, 2))).append("\" height=\"8\" data-due=\"")
            .append(due).append("\"/>");
      }
      if (!due.isAfter(stretch[1])) {
        double xd = x(due);
        svg.append(line("for-window-end", xd, TOP, xd, TOP + PLOT_HEIGHT));
        String label = "for " + DurationText.of(series.forWindow()) + " held: action due";
        if (xd + 4 > labelsEnd) {
          svg.append(text("for-window-label", xd + 4, TOP - 5, label));
          labelsEnd = xd + 4 + label.length() * CHAR_WIDTH;
        }
      }
    }
    if (stretches.isEmpty() && !series.forWindow().isZero()) {
      // no breach: show how long one would have to last, ending now
      double x1 = x(to.minus(series.forWindow()));
      svg.append("<rect class=\"for-window idle\" x=\"").append(fmt(x1)).append("\" y=\"").append(TOP + 2)
          .append("\" width=\"").append(fmt(Math.max(LEFT + PLOT_WIDTH - x1, 2))).append("\" height=\"8\"/>");
    }
  }

  /** [start, end] of each run of breaching evaluations; it ends at the next evaluation that did not breach. */
  List<Instant[]> breachingStretches() {
    List<Instant[]> stretches = new ArrayList<>();
    Instant start = null;
    Instant last = null;
    for (TriggerSeries.Point point : series.points()) {
      if (point.breaching() && start == null) {
        start = point.at();
      } else if (!point.breaching() && start != null) {
        stretches.add(new Instant[] {start, point.at()});
        start = null;
      }
      last = point.at();
    }
    if (start != null) {
      stretches.add(new Instant[] {start, last});
    }
    return stretches;
  }

  private void threshold(StringBuilder svg) {
    double y = y(series.threshold());
    svg.append("<line class=\"threshold\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT_WIDTH)
        .append("\" y1=\"").append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\" data-threshold=\"")
        .append(series.threshold()).append("\"/>");
    svg.append(text("threshold-label", LEFT + PLOT_WIDTH + 6, y + 4, "threshold " + Html.number(series.threshold())));
  }

  private void values(StringBuilder svg) {
    StringBuilder path = new StringBuilder();
    boolean drawing = false;
    StringBuilder points = new StringBuilder();
    for (TriggerSeries.Point point : series.points()) {
      double x = x(point.at());
      if (point.value() == null) {
        drawing = false;
        points.append("<rect class=\"no-data\" x=\"").append(fmt(x - 1.5)).append("\" y=\"")
            .append(TOP + PLOT_HEIGHT - 10).append("\" width=\"3\" height=\"10\"/>");
        continue;
      }
      double y = y(point.value());
      path.append(drawing ? " L" : " M").append(fmt(x)).append(',').append(fmt(y));
      drawing = true;
      points.append("<circle class=\"point").append(point.breaching() ? " breaching" : "").append("\" cx=\"")
          .append(fmt(x)).append("\" cy=\"").append(fmt(y)).append("\" r=\"2.5\"/>");
    }
    if (!path.isEmpty()) {
      svg.append("<path class=\"series\" d=\"").append(path.toString().trim()).append("\"/>");
    }
    svg.append(points);
    if (series.points().isEmpty()) {
      svg.append(text("empty", LEFT + PLOT_WIDTH / 2.0, TOP + PLOT_HEIGHT / 2.0 + 20,
          "no evaluation seen by this operator instance yet"));
    }
  }

  private String condition() {
    return symbol(series.operator()) + " " + Html.number(series.threshold());
  }

  static String symbol(ComparisonOperator operator) {
    return operator == null ? "?" : switch (operator) {
      case LessThan -> "<";
      case LessThanOrEqual -> "≤";
      case GreaterThan -> ">";
      case GreaterThanOrEqual -> "≥";
    };
  }

  private List<Double> valueTicks() {
    double raw = (high - low) / 4;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = magnitude;
    for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
      if (raw <= factor * magnitude) {
        step = factor * magnitude;
        break;
      }
    }
    List<Double> ticks = new ArrayList<>();
    for (double tick = Math.ceil(low / step) * step; tick <= high; tick += step) {
      ticks.add(Math.abs(tick) < step / 1e6 ? 0 : tick);
    }
    return ticks;
  }

  private Duration timeStep() {
    Duration span = Duration.between(from, to);
    for (Duration step : TIME_STEPS) {
      if (span.dividedBy(step) <= 8) {
        return step;
      }
    }
    return TIME_STEPS[TIME_STEPS.length - 1];
  }

  private static String line(String cssClass, double x1, double y1, double x2, double y2) {
    return "<line class=\"" + cssClass + "\" x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2)
        + "\" y2=\"" + fmt(y2) + "\"/>";
  }

  private static String rect(String cssClass, double x, double y, double width, double height) {
    return "<rect class=\"" + cssClass + "\" x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(width)
        + "\" height=\"" + fmt(height) + "\"/>";
  }

  private static String text(String cssClass, double x, double y, String content) {
    return "<text class=\"" + cssClass + "\" x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\">" + Html.escape(content)
        + "</text>";
  }

  /** Coordinates with one decimal: exact enough, and stable for tests. */
  static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
