package io.dispatchgateway.gateway.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The report of a simulation: every run's KPIs as JSON and CSV, and an HTML page a manager reads without help:
 * the KPIs per policy and baseline (mean and spread over the seeds, and the change against the baseline), SLA
 * attainment by hour of arrival, the distribution of drives, and the load per technician.
 */
public final class SimulationReport {

    private static final String[] COLOURS = {"#0969da", "#1a7f37", "#cf222e", "#8250df", "#bf8700", "#57606a"};
    /** The KPIs of the summary table, in order, with how to read them and whether more is better. */
    private static final List<Kpi> SUMMARY = List.of(
            new Kpi("sla-attainment", "SLA attainment", true, true),
            new Kpi("sla-CRITICAL", "SLA, critical", true, true),
            new Kpi("sla-HIGH", "SLA, high", true, true),
            new Kpi("travel-per-job-min", "Travel per job (min)", false, false),
            new Kpi("first-time-fix", "First-time fix", true, true),
            new Kpi("max-jobs-per-technician", "Max jobs per technician", false, false),
            new Kpi("jobs-per-technician-sd", "Jobs per technician, spread", false, false),
            new Kpi("overtime-min", "Overtime (min)", false, false),
            new Kpi("reassignments-per-job", "Reassignments per job", false, false),
            new Kpi("exceptions-opened", "Exceptions opened", false, false),
            new Kpi("exception-age-min", "Exception age (min)", false, false),
            new Kpi("assignment-min", "Time to assign (min)", false, false),
            new Kpi("approval-share", "Needing approval", false, true),
            new Kpi("manager-override-rate", "Manager overrides", false, true));

    /** A KPI of the summary: {@code share} ones print as percentages. */
    public record Kpi(String key, String label, boolean higherIsBetter, boolean share) {}

    /** A variant's KPI over its seeds. */
    public record Figure(double mean, double sd, Double delta) {}

    private SimulationReport() {
    }

    /** Writes {@code html} and, beside it, the same name with {@code .json} and {@code .csv}. */
    public static void write(Path html, Scenario scenario, List<RunResult> results) {
        try {
            Path dir = html.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            String base = html.getFileName().toString().replaceFirst("\\.html?$", "");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("scenario", scenario);
            json.put("runs", results.stream().map(r -> Map.of("variant", r.variant(), "seed", r.seed(),
                    "kpis", r.kpis().named(), "seconds", r.seconds(), "events", r.events())).toList());
            json.put("summary", summary(results));
            new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .writeValue(dir.resolve(base + ".json").toFile(), json);
            Files.writeString(dir.resolve(base + ".csv"), csv(results));
            Files.writeString(html, html(scenario, results));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + html + ": " + e.getMessage(), e);
        }
    }

    /** Per variant and KPI: the mean and spread over the seeds, and the change of the mean against the baseline. */
    static Map<String, Map<String, Figure>> summary(List<RunResult> results) {
        Map<String, List<RunResult>> byVariant = byVariant(results);
        String baseline = baseline(byVariant.keySet());
        Map<String, Map<String, Figure>> summary = new LinkedHashMap<>();
        Map<String, Double> base = means(byVariant.get(baseline));
        byVariant.forEach((variant, runs) -> {
            Map<String, Figure> figures = new LinkedHashMap<>();
            means(runs).forEach((key, mean) -> {
                double sd = Math.sqrt(runs.stream().mapToDouble(r -> {
                    double d = r.kpis().named().getOrDefault(key, 0.0) - mean;
                    return d * d;
                }).sum() / Math.max(1, runs.size() - 1));
                Double delta = variant.equals(baseline) || !base.containsKey(key) ? null : mean - base.get(key);
                figures.put(key, new Figure(mean, runs.size() > 1 ? sd : 0, delta));
            });
            summary.put(variant, figures);
        });
        return summary;
    }

    /** The summary as a Markdown table (printed by the command, pasted into the README). */
    public static String table(List<RunResult> results) {
        Map<String, Map<String, Figure>> summary = summary(results);
        StringBuilder out = new StringBuilder("| KPI |");
        summary.keySet().forEach(v -> out.append(' ').append(v).append(" |"));
        out.append("\n|---|");
        summary.keySet().forEach(v -> out.append("---:|"));
        out.append('\n');
        for (Kpi kpi : SUMMARY) {
            if (summary.values().stream().noneMatch(f -> f.containsKey(kpi.key()))) {
                continue;
            }
            out.append("| ").append(kpi.label()).append(" |");
            summary.values().forEach(f -> out.append(' ').append(format(kpi, f.get(kpi.key()))).append(" |"));
            out.append('\n');
        }
        return out.toString();
    }

    static String format(Kpi kpi, Figure figure) {
        if (figure == null) {
            return "-";
        }
        String mean = kpi.share() ? String.format(Locale.ROOT, "%.1f %%", figure.mean() * 100)
                : String.format(Locale.ROOT, "%.1f", figure.mean());
        String sd = figure.sd() == 0 ? "" : kpi.share() ? String.format(Locale.ROOT, " ± %.1f", figure.sd() * 100)
                : String.format(Locale.ROOT, " ± %.1f", figure.sd());
        return mean + sd;
    }

    private static String csv(List<RunResult> results) {
        StringBuilder out = new StringBuilder();
        List<String> keys = new ArrayList<>();
        results.forEach(r -> r.kpis().named().keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add));
        out.append("variant,seed,").append(String.join(",", keys)).append(",seconds\n");
        for (RunResult r : results) {
            out.append(r.variant()).append(',').append(r.seed());
            Map<String, Double> named = r.kpis().named();
            keys.forEach(k -> out.append(',').append(named.containsKey(k) ? number(named.get(k)) : ""));
            out.append(',').append(number(r.seconds())).append('\n');
        }
        return out.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6f", value).replaceFirst("\\.?0+$", "");
    }

    private static String html(Scenario scenario, List<RunResult> results) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/simulation/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        Map<String, List<RunResult>> byVariant = byVariant(results);
        Map<String, Map<String, Figure>> summary = summary(results);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Kpi kpi : SUMMARY) {
            if (summary.values().stream().noneMatch(f -> f.containsKey(kpi.key()))) {
                continue;
            }
            List<Map<String, Object>> cells = new ArrayList<>();
            summary.values().forEach(f -> {
                Figure figure = f.get(kpi.key());
                String delta = figure == null || figure.delta() == null ? ""
                        : (figure.delta() >= 0 ? "+" : "") + (kpi.share()
                                ? String.format(Locale.ROOT, "%.1f pt", figure.delta() * 100)
                                : String.format(Locale.ROOT, "%.1f", figure.delta()));
                boolean better = figure != null && figure.delta() != null
                        && (kpi.higherIsBetter() ? figure.delta() > 1e-9 : figure.delta() < -1e-9);
                boolean worse = figure != null && figure.delta() != null
                        && (kpi.higherIsBetter() ? figure.delta() < -1e-9 : figure.delta() > 1e-9);
                cells.add(Map.of("value", format(kpi, figure), "delta", delta,
                        "tone", better ? "better" : worse ? "worse" : ""));
            });
            rows.add(Map.of("label", kpi.label(), "cells", cells));
        }
        Context context = new Context(Locale.ROOT);
        context.setVariable("scenario", scenario);
        context.setVariable("variants", new ArrayList<>(byVariant.keySet()));
        context.setVariable("colours", colours(byVariant.keySet()));
        context.setVariable("baseline", baseline(byVariant.keySet()));
        context.setVariable("seeds", results.stream().map(RunResult::seed).distinct().sorted().toList());
        context.setVariable("rows", rows);
        context.setVariable("charts", List.of(slaByHour(byVariant), travel(byVariant), load(byVariant)));
        return engine.process("report", context);
    }

    private static Map<String, String> colours(Iterable<String> variants) {
        Map<String, String> colours = new LinkedHashMap<>();
        int i = 0;
        for (String variant : variants) {
            colours.put(variant, COLOURS[i++ % COLOURS.length]);
        }
        return colours;
    }

    /** A tick on an axis: where (0..1 along it) and its label. */
    public record Tick(double x, double y, String label) {}

    /** One variant's line: its colour and its points in the plot's pixels. */
    public record Line(String variant, String colour, String points) {}

    /** A line chart drawn as SVG in a 640 x 260 box (the plot inside 50..620 x 20..220). */
    public record Chart(String id, String title, String explanation, String xLabel, String yLabel, List<Tick> xTicks,
            List<Tick> yTicks, List<Line> lines) {}

    static final double LEFT = 50;
    static final double RIGHT = 620;
    static final double TOP = 20;
    static final double BOTTOM = 220;

    private static Chart slaByHour(Map<String, List<RunResult>> byVariant) {
        Map<String, Map<Double, Double>> series = new LinkedHashMap<>();
        byVariant.forEach((variant, runs) -> {
            Map<Integer, int[]> sum = new TreeMap<>();
            runs.forEach(r -> r.slaByHour().forEach((hour, counts) -> {
                int[] s = sum.computeIfAbsent(hour, h -> new int[2]);
                s[0] += counts[0];
                s[1] += counts[1];
            }));
            Map<Double, Double> points = new TreeMap<>();
            sum.forEach((hour, s) -> points.put(hour.doubleValue(), s[0] == 0 ? 0 : 100.0 * s[1] / s[0]));
            series.put(variant, points);
        });
        return chart("sla-by-hour", "SLA attainment by hour of arrival",
                "Of the jobs that came in during each hour, the share reached by their SLA deadline.",
                "hour of arrival (local)", "% on time", series, 0, 24, 0, 100, h -> String.format(Locale.ROOT,
                        "%02d", h.intValue()), v -> String.format(Locale.ROOT, "%.0f", v));
    }

    private static Chart travel(Map<String, List<RunResult>> byVariant) {
        Map<String, Map<Double, Double>> series = new LinkedHashMap<>();
        double bucket = 5;
        double top = 0;
        for (Map.Entry<String, List<RunResult>> e : byVariant.entrySet()) {
            Map<Double, Double> points = new TreeMap<>();
            List<Double> drives = e.getValue().stream().flatMap(r -> r.travel().stream()).toList();
            for (double lower = 0; lower <= 90; lower += bucket) {
                double lo = lower;
                long n = drives.stream().filter(d -> lo == 90 ? d >= lo : d >= lo && d < lo + bucket).count();
                double share = drives.isEmpty() ? 0 : 100.0 * n / drives.size();
                points.put(lower, share);
                top = Math.max(top, share);
            }
            series.put(e.getKey(), points);
        }
        return chart("travel", "How long the drives were",
                "Share of the jobs whose drive (from setting off to arriving) fell in each 5-minute band;"
                        + " the last band is 90 minutes and more.",
                "minutes driven", "% of jobs", series, 0, 90, 0, Math.max(10, Math.ceil(top / 10) * 10),
                m -> String.format(Locale.ROOT, "%.0f", m), v -> String.format(Locale.ROOT, "%.0f", v));
    }

    private static Chart load(Map<String, List<RunResult>> byVariant) {
        Map<String, Map<Double, Double>> series = new LinkedHashMap<>();
        double top = 0;
        int technicians = 0;
        for (Map.Entry<String, List<RunResult>> e : byVariant.entrySet()) {
            RunResult first = e.getValue().get(0);
            List<Integer> loads = new ArrayList<>(first.load().values());
            loads.sort((a, b) -> Integer.compare(b, a));
            Map<Double, Double> points = new TreeMap<>();
            for (int i = 0; i < loads.size(); i++) {
                points.put((double) i + 1, loads.get(i).doubleValue());
                top = Math.max(top, loads.get(i));
            }
            technicians = Math.max(technicians, loads.size());
            series.put(e.getKey(), points);
        }
        return chart("load", "Load per technician",
                "Jobs each technician completed (first seed), busiest first: a flat line is an even workload.",
                "technicians, busiest first", "jobs", series, 1, Math.max(2, technicians), 0,
                Math.max(5, Math.ceil(top / 5) * 5), t -> String.format(Locale.ROOT, "%.0f", t),
                v -> String.format(Locale.ROOT, "%.0f", v));
    }

    private static Chart chart(String id, String title, String explanation, String xLabel, String yLabel,
            Map<String, Map<Double, Double>> series, double xMin, double xMax, double yMin, double yMax,
            Function<Double, String> xText, Function<Double, String> yText) {
        Map<String, String> colours = colours(series.keySet());
        List<Line> lines = new ArrayList<>();
        series.forEach((variant, points) -> {
            StringBuilder p = new StringBuilder();
            points.forEach((x, y) -> p.append(String.format(Locale.ROOT, "%.1f,%.1f ",
                    LEFT + (x - xMin) / (xMax - xMin) * (RIGHT - LEFT),
                    BOTTOM - (Math.min(y, yMax) - yMin) / (yMax - yMin) * (BOTTOM - TOP))));
            lines.add(new Line(variant, colours.get(variant), p.toString().trim()));
        });
        List<Tick> xTicks = new ArrayList<>();
        for (int i = 0; i <= 6; i++) {
            double x = xMin + (xMax - xMin) * i / 6;
            xTicks.add(new Tick(LEFT + (RIGHT - LEFT) * i / 6, BOTTOM, xText.apply((double) Math.round(x))));
        }
        List<Tick> yTicks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            yTicks.add(new Tick(LEFT, BOTTOM - (BOTTOM - TOP) * i / 4, yText.apply(yMin + (yMax - yMin) * i / 4)));
        }
        return new Chart(id, title, explanation, xLabel, yLabel, xTicks, yTicks, lines);
    }

    private static Map<String, List<RunResult>> byVariant(List<RunResult> results) {
        Map<String, List<RunResult>> byVariant = new LinkedHashMap<>();
        results.forEach(r -> byVariant.computeIfAbsent(r.variant(), v -> new ArrayList<>()).add(r));
        return byVariant;
    }

    private static String baseline(java.util.Collection<String> variants) {
        return variants.contains(Simulate.NEAREST_FREE) ? Simulate.NEAREST_FREE
                : variants.contains(Simulate.PER_JOB) ? Simulate.PER_JOB : variants.iterator().next();
    }

    /** Per variant, in the order the runs came, each KPI's mean over its seeds. */
    static Map<String, Map<String, Double>> meansByVariant(List<RunResult> results) {
        Map<String, Map<String, Double>> means = new LinkedHashMap<>();
        byVariant(results).forEach((variant, runs) -> means.put(variant, means(runs)));
        return means;
    }

    private static Map<String, Double> means(List<RunResult> runs) {
        Map<String, Double> means = new LinkedHashMap<>();
        runs.forEach(r -> r.kpis().named().forEach((k, v) -> means.merge(k, v / runs.size(), Double::sum)));
        return means;
    }
}
