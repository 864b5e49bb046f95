package dev.maverick.dashboard;

import dev.maverick.api.ActionRecord;
import dev.maverick.api.EffectiveFlag;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.GateStatus;
import dev.maverick.api.Revision;
import dev.maverick.api.Stage;
import dev.maverick.api.StageStatus;
import dev.maverick.api.TriggerStatus;
import dev.maverick.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The dashboard as one self-contained HTML document: inline CSS and SVG, no script, nothing loaded
 * from elsewhere. Shows what status holds and what the history remembers, never the pipeline's env,
 * Secret references, notification targets or Prometheus credentials. Every text a user controls is
 * escaped.
 */
final class DashboardPage {
  /** Pipelines shown in detail on the overview page; the others are one click away. */
  static final int DETAIL_LIMIT = 20;
  static final int REFRESH_SECONDS = 30;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private DashboardPage() {}

  /**
   * @param views every pipeline, sorted; {@code selected} (may be empty) those to show in detail
   */
  static String render(List<PipelineView> views, List<PipelineView> selected, Instant now, Duration window) {
    StringBuilder html = new StringBuilder(16_384);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">")
        .append("<link rel=\"icon\" href=\"data:,\">")
        .append("<title>maverick-operator dashboard</title><style>").append(STYLE).append("</style></head><body>");
    html.append("<header><h1>maverick-operator</h1><p class=\"subtitle\">Rollouts as of ")
        .append(TIME.format(now)).append(" · read-only · refreshes every ").append(REFRESH_SECONDS)
        .append("s · charts: the last ").append(DurationText.of(window))
        .append(" of evaluations seen by this operator instance</p></header><main>");
    overview(html, views);
    for (int i = 0; i < selected.size(); i++) {
      pipeline(html, i, selected.get(i), now, window);
    }
    if (selected.size() < views.size()) {
      html.append("<p class=\"more\">").append(views.size() - selected.size())
          .append(" more pipelines: choose one in the table to see its charts.</p>");
    }
    html.append("</main></body></html>");
    return html.toString();
  }

  private static void overview(StringBuilder html, List<PipelineView> views) {
    html.append("<section class=\"card\"><h2>Pipelines</h2>");
    if (views.isEmpty()) {
      html.append("<p class=\"empty\">No EmbeddingPipeline in the watched namespaces.</p></section>");
      return;
    }
    html.append("<table id=\"pipelines\"><thead><tr><th>Pipeline</th><th>Phase</th><th>Stage</th><th>Health</th>")
        .append("<th>App</th><th>Worker</th><th>Actions</th></tr></thead><tbody>");
    for (PipelineView view : views) {
      EmbeddingPipelineStatus status = status(view);
      html.append("<tr><td><a href=\"?pipeline=")
          .append(Html.escape(URLEncoder.encode(view.namespace() + "/" + view.name(), StandardCharsets.UTF_8)))
          .append("\">").append(Html.escape(view.namespace())).append('/').append(Html.escape(view.name()))
          .append("</a></td><td>").append(phase(status)).append("</td><td>").append(Html.escape(stage(view)))
          .append("</td><td>").append(healthBadge(status)).append("</td><td>")
          .append(Html.escape(replicas(status.app()))).append("</td><td>").append(Html.escape(replicas(status.worker())))
          .append("</td><td>").append(status.actions() == null ? 0 : status.actions().size()).append("</td></tr>");
    }
    html.append("</tbody></table></section>");
  }

  private static void pipeline(StringBuilder html, int index, PipelineView view, Instant now, Duration window) {
    EmbeddingPipelineStatus status = status(view);
    html.append("<section class=\"card pipeline\" id=\"pipeline-").append(index).append("\" data-pipeline=\"")
        .append(Html.escape(view.namespace() + "/" + view.name())).append("\"><h2>")
        .append(Html.escape(view.namespace())).append('/').append(Html.escape(view.name())).append(' ')
        .append(phase(status)).append(' ').append(healthBadge(status));
    if (view.pipeline().getSpec() != null && view.pipeline().getSpec().isPaused()) {
      html.append(" <span class=\"badge paused\">paused</span>");
    }
    html.append("</h2>");
    conditions(html, status);
    triggers(html, index, view, status, now, window);
    timeline(html, view, status);
    revisions(html, status);
    actions(html, status);
    html.append("</section>");
  }

  private static void conditions(StringBuilder html, EmbeddingPipelineStatus status) {
    html.append("<dl class=\"conditions\">");
    for (String type : List.of(Conditions.READY, Conditions.STALLED, Conditions.METRICS_AVAILABLE)) {
      Optional<Condition> condition = Conditions.find(status.conditions(), type);
      if (condition.isPresent()) {
        Condition c = condition.get();
        html.append("<dt>").append(type).append("</dt><dd>").append(Html.escape(c.getStatus()))
            .append(c.getReason() == null ? "" : " (" + Html.escape(c.getReason()) + ")")
            .append(c.getMessage() == null ? "" : ": " + Html.escape(c.getMessage())).append("</dd>");
      }
    }
    html.append("</dl>");
  }

  private static void triggers(StringBuilder html, int index, PipelineView view, EmbeddingPipelineStatus status,
      Instant now, Duration window) {
    html.append("<h3>Triggers</h3>");
    if (view.policy() == null || view.policy().getSpec() == null) {
      html.append("<p class=\"empty\">").append(view.pipeline().getSpec() != null
              && view.pipeline().getSpec().rolloutPolicyRef() != null
          ? "The RolloutPolicy it refers to is not in the cache." : "No RolloutPolicy: nothing is evaluated.")
          .append("</p>");
      return;
    }
    var spec = view.policy().getSpec();
    html.append("<p class=\"policy\">RolloutPolicy <b>").append(Html.escape(view.policy().getMetadata().getName()))
        .append("</b> · every ").append(Html.escape(spec.interval())).append(" · Prometheus ")
        .append(Html.escape(withoutCredentials(spec.prometheus() == null ? null : spec.prometheus().url())))
        .append("</p>");
    if (view.triggers().isEmpty()) {
      html.append("<p class=\"empty\">No trigger evaluated yet by this operator instance.</p>");
      return;
    }
    Instant from = TriggerChart.start(view.triggers(), now, window);
    for (int t = 0; t < view.triggers().size(); t++) {
      TriggerSeries series = view.triggers().get(t);
      Optional<TriggerStatus> latest = Optional.ofNullable(status.triggers()).orElse(List.of()).stream()
          .filter(s -> series.trigger().equals(s.name())).findFirst();
      html.append("<figure class=\"chart\"><figcaption><b>").append(Html.escape(series.trigger())).append("</b> ")
          .append(Html.escape(TriggerChart.symbol(series.operator()) + " " + Html.number(series.threshold())
              + " for " + DurationText.of(series.forWindow())))
          .append(latest.map(DashboardPage::reading).orElse("")).append("</figcaption>")
          .append(TriggerChart.svg("chart-" + index + "-" + t, series, from, now)).append("</figure>");
    }
  }

  private static String reading(TriggerStatus status) {
    StringBuilder text = new StringBuilder(" · last value <b>");
    text.append(status.value() == null ? "none" : Html.escape(Html.number(status.value()))).append("</b>");
    if (Boolean.TRUE.equals(status.breaching())) {
      text.append(" <span class=\"badge stalled\">breaching since ")
          .append(Html.escape(clock(status.breachingSince()))).append("</span>");
    }
    if (status.error() != null) {
      text.append(" <span class=\"error\">").append(Html.escape(status.error())).append("</span>");
    }
    return text.toString();
  }

  private static void timeline(StringBuilder html, PipelineView view, EmbeddingPipelineStatus status) {
    html.append("<h3>Stages</h3>");
    List<Stage> stages = view.policy() == null || view.policy().getSpec() == null ? List.of()
        : view.policy().getSpec().stages();
    StageStatus current = status.stage();
    if (stages.isEmpty() || current == null || current.index() == null) {
      html.append("<p class=\"empty\">No staged rollout.</p>");
      return;
    }
    html.append("<ol class=\"timeline\">");
    for (int i = 0; i <= stages.size(); i++) {
      String state = i < current.index() ? "done" : i == current.index() ? "current" : "pending";
      html.append("<li class=\"stage ").append(state).append("\"><span class=\"stage-name\">");
      if (i < stages.size()) {
        Stage stage = stages.get(i);
        html.append(i + 1).append(". ").append(Html.escape(stage.name())).append("</span><span class=\"stage-detail\">")
            .append(Html.escape(stage.flags().stream().map(f -> f.name() + " " + f.rolloutPercentage() + "%")
                .collect(Collectors.joining(", "))))
            .append(" · pause ").append(Html.escape(stage.pause())).append("</span>");
      } else {
        html.append("spec values</span><span class=\"stage-detail\">all stages done</span>");
      }
      String started = startedAt(view, current, i);
      if (started != null) {
        html.append("<span class=\"stage-time\">").append(i == current.index() ? "since " : "entered ")
            .append(Html.escape(started)).append("</span>");
      }
      if (i == current.index() && current.gates() != null) {
        for (GateStatus gate : current.gates()) {
          html.append("<span class=\"gate ").append(Boolean.TRUE.equals(gate.holds()) ? "holds" : "waits")
              .append("\">gate ").append(Html.escape(gate.name())).append(": ")
              .append(gate.value() == null ? "no value" : Html.escape(Html.number(gate.value())))
              .append(Boolean.TRUE.equals(gate.holds()) ? " ✓" : " (waiting)").append("</span>");
        }
      }
      html.append("</li>");
    }
    html.append("</ol>");
  }

  private static String startedAt(PipelineView view, StageStatus current, int index) {
    if (index == current.index() && current.startedAt() != null) {
      return clock(current.startedAt());
    }
    if (index > current.index()) {
      return null;
    }
    return view.stageStarts().stream().filter(s -> s.index() == index).reduce((a, b) -> b)
        .map(s -> CLOCK.format(s.at())).orElse(null);
  }

  private static void revisions(StringBuilder html, EmbeddingPipelineStatus status) {
    html.append("<h3>Revisions</h3>");
    if (status.currentRevision() == null && status.stableRevision() == null) {
      html.append("<p class=\"empty\">None recorded yet.</p>");
      return;
    }
    html.append("<table class=\"revisions\"><thead><tr><th></th><th>App image</th><th>Worker image</th>")
        .append("<th>Flags</th><th>Profile</th><th>Flags hash</th></tr></thead><tbody>");
    revision(html, "current", status.currentRevision());
    revision(html, "stable", status.stableRevision());
    html.append("</tbody></table>");
  }

  private static void revision(StringBuilder html, String label, Revision revision) {
    html.append("<tr class=\"revision ").append(label).append("\"><th>").append(label).append("</th>");
    if (revision == null) {
      html.append("<td colspan=\"5\" class=\"empty\">none yet</td></tr>");
      return;
    }
    html.append("<td>").append(Html.escape(revision.appImage())).append("</td><td>")
        .append(Html.escape(revision.workerImage())).append("</td><td>")
        .append(Html.escape(revision.flags() == null ? "" : revision.flags().stream().map(DashboardPage::flag)
            .collect(Collectors.joining(", "))))
        .append("</td><td>").append(Html.escape(revision.rateLimitProfile() == null ? "" : revision.rateLimitProfile()))
        .append("</td><td><code>").append(Html.escape(revision.flagsHash() == null ? "" : revision.flagsHash()))
        .append("</code></td></tr>");
  }

  private static String flag(EffectiveFlag flag) {
    return flag.name() + (flag.enabled() ? " " + flag.rolloutPercentage() + "%" : " off");
  }

  private static void actions(StringBuilder html, EmbeddingPipelineStatus status) {
    html.append("<h3>Actions taken</h3>");
    if (status.actions() == null || status.actions().isEmpty()) {
      html.append("<p class=\"empty\">None.</p>");
      return;
    }
    html.append("<table class=\"actions\"><thead><tr><th>At</th><th>Trigger</th><th>Action</th><th>Detail</th>")
        .append("</tr></thead><tbody>");
    for (ActionRecord action : status.actions()) {
      html.append("<tr class=\"action\"><td>").append(Html.escape(clock(action.at()))).append("</td><td>")
          .append(Html.escape(action.trigger())).append("</td><td>").append(Html.escape(action.type()))
          .append("</td><td>").append(Html.escape(action.detail())).append("</td></tr>");
    }
    html.append("</tbody></table>");
  }

  // --- small parts

  private static EmbeddingPipelineStatus status(PipelineView view) {
    return Optional.ofNullable(view.pipeline().getStatus()).orElse(EmbeddingPipelineStatus.initial());
  }

  private static String phase(EmbeddingPipelineStatus status) {
    String phase = status.phase() == null ? "Unknown" : status.phase().name();
    return "<span class=\"badge phase phase-" + phase + "\">" + phase + "</span>";
  }

  /** Stalled when Stalled=True, Ready when Ready=True, otherwise not ready; as the conditions say. */
  static String health(EmbeddingPipelineStatus status) {
    if (Conditions.find(status.conditions(), Conditions.STALLED).filter(c -> "True".equals(c.getStatus())).isPresent()) {
      return "Stalled";
    }
    return Conditions.find(status.conditions(), Conditions.READY).filter(c -> "True".equals(c.getStatus()))
        .isPresent() ? "Ready" : "Not ready";
  }

  private static String healthBadge(EmbeddingPipelineStatus status) {
    String health = health(status);
    String reason = Conditions.find(status.conditions(), health.equals("Stalled") ? Conditions.STALLED : Conditions.READY)
        .map(Condition::getReason).orElse(null);
    return "<span class=\"badge health " + health.toLowerCase(Locale.ROOT).replace(' ', '-') + "\">" + health
        + (reason == null || health.equals("Ready") ? "" : ": " + Html.escape(reason)) + "</span>";
  }

  private static String stage(PipelineView view) {
    StageStatus stage = status(view).stage();
    if (stage == null || stage.index() == null) {
      return "";
    }
    int total = view.policy() == null || view.policy().getSpec() == null ? 0 : view.policy().getSpec().stages().size();
    return stage.index() < total ? stage.name() + " (" + (stage.index() + 1) + "/" + total + ")"
        : String.valueOf(stage.name());
  }

  private static String replicas(dev.maverick.api.ReplicaStatus replicas) {
    return replicas == null || replicas.summary() == null ? "" : replicas.summary() + " ready";
  }

  private static String clock(String instant) {
    if (instant == null) {
      return "";
    }
    try {
      return CLOCK.format(Instant.parse(instant));
    } catch (java.time.format.DateTimeParseException e) {
      return instant;
    }
  }

  /** The URL without user, password, query or fragment: those may carry credentials. */
  static String withoutCredentials(String url) {
    if (url == null) {
      return "";
    }
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "(URL not shown)";
      }
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
          + (uri.getRawPath() == null ? "" : uri.getRawPath());
    } catch (IllegalArgumentException e) {
      return "(URL not shown)";
    }
  }

  private static final String STYLE = """
      :root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--bg:#f5f7fa;--card:#fff;--blue:#2563eb;--red:#dc2626;\
      --amber:#d97706;--green:#15803d}
      *{box-sizing:border-box}
      body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);\
      background:var(--bg)}
      header{background:#102a43;color:#fff;padding:14px 24px}
      header h1{margin:0;font-size:20px}
      .subtitle{margin:2px 0 0;color:#bcccdc;font-size:13px}
      main{padding:16px 24px;max-width:1240px}
      .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 18px;margin-bottom:16px}
      h2{font-size:17px;margin:0 0 8px}
      h3{font-size:14px;margin:16px 0 6px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
      table{border-collapse:collapse;width:100%}
      th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
      thead th{color:var(--muted);font-weight:600;font-size:12px}
      a{color:var(--blue)}
      code{font-size:12px}
      .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;\
      background:#e4e7eb;color:var(--ink);vertical-align:middle}
      .phase-Healthy,.health.ready{background:#dcfce7;color:var(--green)}
      .phase-Progressing,.phase-Pending,.health.not-ready,.paused{background:#fef3c7;color:#92400e}
      .phase-RolledBack,.phase-Degraded,.phase-Invalid,.health.stalled,.badge.stalled{background:#fee2e2;color:#991b1b}
      .conditions{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0;font-size:13px}
      .conditions dt{font-weight:600}
      .conditions dd{margin:0;color:var(--muted)}
      .policy,.empty,.more{color:var(--muted);margin:4px 0}
      .error{color:var(--red)}
      figure.chart{margin:8px 0 12px}
      figcaption{margin-bottom:2px}
      svg.trigger-chart{width:100%;height:auto;font-size:11px}
      svg .plot{fill:#fbfcfe;stroke:none}
      svg .grid{stroke:#e4e7eb;stroke-width:1}
      svg .axis{stroke:#9aa5b1;stroke-width:1}
      svg .y-tick{text-anchor:end;fill:var(--muted)}
      svg .x-tick{text-anchor:middle;fill:var(--muted)}
      svg .axis-label{fill:var(--muted);text-anchor:middle;font-size:11px}
      svg .legend-text{fill:var(--ink)}
      svg .series,svg .legend-series{fill:none;stroke:var(--blue);stroke-width:2}
      svg .point{fill:var(--blue)}
      svg .point.breaching{fill:var(--red)}
      svg .threshold,svg .legend-threshold{stroke:var(--red);stroke-width:1.5;stroke-dasharray:6 4}
      svg .threshold-label{fill:var(--red);font-weight:600}
      svg .breach,svg .legend-breach{fill:var(--red);fill-opacity:.14}
      svg .for-window,svg .legend-for-window{fill:var(--amber);fill-opacity:.85}
      svg .for-window.idle{fill:#9aa5b1;fill-opacity:.5}
      svg .for-window-end{stroke:var(--amber);stroke-width:2}
      svg .for-window-label{fill:#92400e;font-weight:600}
      svg .no-data{fill:#9aa5b1}
      svg .empty{fill:var(--muted);text-anchor:middle}
      .timeline{display:flex;flex-wrap:wrap;gap:8px;list-style:none;padding:0;margin:4px 0}
      .stage{flex:1 1 150px;border:1px solid var(--line);border-top-width:4px;border-radius:6px;padding:6px 8px;\
      display:flex;flex-direction:column;font-size:12px}
      .stage.done{border-top-color:var(--green)}
      .stage.current{border-top-color:var(--blue);background:#eff6ff}
      .stage.pending{color:var(--muted)}
      .stage-name{font-weight:600;font-size:13px}
      .stage-time{color:var(--muted)}
      .gate.holds{color:var(--green)}
      .gate.waits{color:#92400e}
      """;
}
