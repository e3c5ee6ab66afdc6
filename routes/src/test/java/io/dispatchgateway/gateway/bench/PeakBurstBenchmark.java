package io.dispatchgateway.gateway.bench;

import io.dispatchgateway.gateway.dispatch.PlanBook;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dispatchgateway.adapters.maps.MapsProperties;
import io.dispatchgateway.adapters.maps.TimeOfDayTravelTimes;
import io.dispatchgateway.core.classify.JobClassifier;
import io.dispatchgateway.core.dispatch.AssignmentPlanner;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.ExcludedTechnician;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.LegTimes;
import io.dispatchgateway.core.plan.PlanTimeline;
import io.dispatchgateway.core.plan.PlannedVisit;
import io.dispatchgateway.core.plan.TechnicianPlan;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.core.rank.CandidateRanker;
import io.dispatchgateway.core.rank.HardConstraint;
import io.dispatchgateway.core.rank.HardConstraints;
import io.dispatchgateway.core.rank.PolicyCatalog;
import io.dispatchgateway.core.rank.RankingInput;
import io.dispatchgateway.core.rank.RankingPolicy;
import io.dispatchgateway.core.rank.RankingSettings;
import io.dispatchgateway.core.rank.TechnicianState;
import io.dispatchgateway.gateway.config.CoreConfiguration;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.gateway.config.RosterLoader;
import io.dispatchgateway.optimizer.OpenJob;
import io.dispatchgateway.optimizer.Optimization;
import io.dispatchgateway.optimizer.OptimizationProblem;
import io.dispatchgateway.optimizer.PlanOptimizer;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * A seeded peak burst over the demo roster, decided two ways on the same data:
 * <ul>
 *   <li><b>gateway</b>: the gateway's own decision components, built from its {@code application.yml} and demo
 *       profile as the application builds them (classification rules, policies, the ranking with insertion into
 *       day plans, the offline travel model): each job is ranked on the plans as they stand when it arrives, and
 *       takes the best option's place in its technician's plan (the reservation a proposal waiting for approval
 *       holds, so approving every recommendation after the burst gives the same plans);</li>
 *   <li><b>nearest free</b>: a dispatcher who sends the nearest qualified technician with nothing to do, else the
 *       qualified technician whose queue ends first, adding the job at the end of their queue.</li>
 * </ul>
 * Then every plan is laid out again with the same travel model once the burst is in (the technicians set off as
 * planned), and the figures are computed from those plans: SLA attainment over all jobs (an unplanned job misses),
 * travel per planned job, unplanned jobs, overtime, jobs per technician, commitments that overlap, and committed
 * ETAs that differ from the recomputed arrival by more than a minute.
 *
 * <p>Run: {@code ./mvnw -B -pl routes -am -Ppeak-benchmark verify -DskipTests} (arguments: seed).
 */
public final class PeakBurstBenchmark {

    /** Tuesday 24 November 2026, 10:00 and 16:00 in Denver. */
    private static final Instant OFF_PEAK = Instant.parse("2026-11-24T17:00:00Z");
    private static final Instant PEAK = Instant.parse("2026-11-24T23:00:00Z");
    private static final Duration BURST = Duration.ofMinutes(5);

    /** Summary, weight, and the part it may need (with the share of jobs that need it). */
    private static final Object[][] MIX = {
        {"Smell of gas near the furnace", 3, "VALVE-GAS-050", 0.5},
        {"Breaker panel sparking", 2, "BRKR-20A", 0.4},
        {"CO alarm going off in the basement", 2, null, 0.0},
        {"Furnace not heating", 14, "IGN-HSI-01", 0.35},
        {"AC not cooling the office", 10, "CAP-45-5", 0.35},
        {"Walk-in freezer warm", 6, "REFR-R410A", 0.3},
        {"Water leak under the kitchen sink", 10, "PVC-TRAP-150", 0.3},
        {"Internet down at the branch office", 8, "ONT-GPON", 0.3},
        {"Fiber splice needed after construction", 3, "SPLICE-TRAY", 0.5},
        {"Outlet not working in the lobby", 8, "GFCI-20A", 0.3},
        {"Drain clogged in the restroom", 10, null, 0.0},
        {"Water heater element failed", 4, "WH-ELEMENT-4500", 0.6},
        {"Door closer needs adjusting", 6, null, 0.0},
        {"Annual maintenance inspection", 14, "FLT-16X25", 0.5},
    };

    private PeakBurstBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        List<Duration> budgets = new ArrayList<>();
        for (String seconds : (args.length > 1 ? args[1] : "2,5,60").split(",")) {
            budgets.add(Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000)));
        }
        int[] sizes = Arrays.stream((args.length > 2 ? args[2] : "60,120,200").split(","))
                .mapToInt(Integer::parseInt).toArray();
        GatewayProperties properties = properties();
        CoreConfiguration core = new CoreConfiguration();
        RankingSettings settings = core.rankingSettings(properties);
        TimeOfDayTravelTimes estimate = new TimeOfDayTravelTimes(new MapsProperties.Offline(1.3, 40, 28,
                List.of("07:00-09:30", "16:00-18:30")), properties.zone());
        CandidateRanker ranker = core.candidateRanker(settings, estimate);
        Decisions decisions = new Decisions(core.jobClassifier(properties), core.policyCatalog(properties), ranker,
                core.assignmentPlanner(ranker), roster());
        PlanOptimizer optimizer = new PlanOptimizer(ranker);

        System.out.printf(Locale.ROOT, "Peak burst over the demo roster (%d technicians, %d customers, %d depots),"
                + " seed %d, jobs arriving over %d min%n", decisions.roster.technicians().size(),
                decisions.roster.customers().size(), decisions.roster.depots().size(), seed, BURST.toMinutes());
        System.out.println("| burst | jobs | method | SLA attainment | travel per job | unplanned | overtime"
                + " | jobs per technician (max, sd) | overlapping commitments | ETA off by > 1 min | over capacity"
                + " | time |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<String> reachable = new ArrayList<>();
        for (Instant start : new Instant[] {OFF_PEAK, PEAK}) {
            for (int size : sizes) {
                List<Job> jobs = burst(decisions.roster, size, start, new Random(seed + size));
                reachable.add(String.format(Locale.ROOT, "%s, %d jobs: %d could be reached in time by a qualified"
                        + " technician with nothing else to do", start == PEAK ? "16:00" : "10:00", size,
                        decisions.reachableAlone(jobs)));
                Outcome perJob = null;
                for (boolean gateway : new boolean[] {false, true}) {
                    long began = System.nanoTime();
                    Outcome outcome = gateway ? decisions.gateway(jobs) : decisions.nearestFree(jobs);
                    double ms = (System.nanoTime() - began) / 1e6 / size;
                    print(start, size, gateway ? "gateway" : "nearest free", decisions.figures(outcome,
                            start.plus(BURST)), String.format(Locale.ROOT, "%.2f", ms));
                    perJob = outcome;
                }
                for (Duration budget : budgets) {
                    Optimized optimized = decisions.optimized(perJob, start.plus(BURST), budget, optimizer, seed);
                    print(start, size, "gateway + optimizer " + budget.toMillis() / 1000.0 + " s",
                            decisions.figures(optimized.outcome(), start.plus(BURST)), String.format(Locale.ROOT,
                                    "%.1f s, %d moved, %,d moves evaluated", optimized.run().spent().toMillis()
                                            / 1000.0, optimized.run().moves().size(), optimized.run().evaluated()));
                }
            }
        }
        System.out.println();
        System.out.println("An upper bound on SLA attainment, job by job:");
        reachable.forEach(line -> System.out.println("- " + line));
    }

    private static void print(Instant start, int size, String method, Figures f, String time) {
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %.1f %% | %.1f min | %d | %.0f min | %d, %.2f | %d"
                + " | %d | %d | %s |%n", start == PEAK ? "16:00" : "10:00", size, method, 100.0 * f.onTime / size,
                f.travelPerJob, f.unplanned, f.overtime, f.maxJobs, f.sdJobs, f.overlaps, f.etaMismatches,
                f.overCapacity, time);
    }

    /** The jobs of one burst: customers' sites, the demo mix of work, parts from the demo catalogue. */
    static List<Job> burst(RosterLoader.Roster roster, int size, Instant start, Random random) {
        int total = 0;
        for (Object[] work : MIX) {
            total += (Integer) work[1];
        }
        List<Job> jobs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int pick = random.nextInt(total);
            Object[] work = MIX[0];
            for (Object[] w : MIX) {
                pick -= (Integer) w[1];
                if (pick < 0) {
                    work = w;
                    break;
                }
            }
            Customer customer = roster.customers().get(random.nextInt(roster.customers().size()));
            List<String> parts = work[2] != null && random.nextDouble() < (Double) work[3] ? List.of((String) work[2])
                    : List.of();
            Instant at = start.plusMillis(BURST.toMillis() * i / size);
            jobs.add(new Job(String.format(Locale.ROOT, "J-%03d", i), "default", "bench", "B-" + i, customer.id(),
                    (String) work[0], null, customer.site(), null, null, parts, false, at));
        }
        return jobs;
    }

    /** Every job's plan place and the ETA it was committed to (the plan's, as the gateway stores it). */
    record Outcome(Map<String, List<Visit>> plans, Map<String, Instant> committed, Map<String, Classification> jobs,
            Map<String, Instant> departures) {}

    /** The optimizer's plans as an outcome, and its run. */
    record Optimized(Outcome outcome, Optimization run) {}

    record Figures(int onTime, double travelPerJob, int unplanned, double overtime, int maxJobs, double sdJobs,
            int overlaps, int etaMismatches, int overCapacity) {}

    static final class Decisions {

        private final JobClassifier classifier;
        private final PolicyCatalog policies;
        private final CandidateRanker ranker;
        private final AssignmentPlanner planner;
        private final RosterLoader.Roster roster;
        private final Map<String, Customer> customers;
        private final Map<String, Technician> technicians = new LinkedHashMap<>();
        private final PlanTimeline timeline;
        private final Map<String, Job> burstJobs = new LinkedHashMap<>();

        Decisions(JobClassifier classifier, PolicyCatalog policies, CandidateRanker ranker, AssignmentPlanner planner,
                RosterLoader.Roster roster) {
            this.classifier = classifier;
            this.policies = policies;
            this.ranker = ranker;
            this.planner = planner;
            this.roster = roster;
            this.customers = roster.customers().stream().collect(Collectors.toMap(Customer::id, c -> c));
            roster.technicians().forEach(t -> technicians.put(t.id(), t));
            this.timeline = ranker.timeline();
        }

        /** The gateway: rank on the current plans, take the best option's place. */
        Outcome gateway(List<Job> jobs) {
            burstJobs.clear();
            jobs.forEach(job -> burstJobs.put(job.id(), job));
            Map<String, List<Visit>> plans = new HashMap<>();
            Map<String, Instant> committed = new HashMap<>();
            Map<String, Classification> classified = new HashMap<>();
            Map<String, Instant> departures = new HashMap<>();
            for (Job job : jobs) {
                setOff(plans, committed, departures, job.receivedAt());
                Customer customer = customers.get(job.customerId());
                Classification classification = classifier.classify(job, customer);
                classified.put(job.id(), classification);
                RankingPolicy policy = policies.select(job, classification, customer);
                RankingInput input = input(job, classification, customer, plans);
                Recommendation recommendation = ranker.rank(input, policy);
                if (recommendation.best().isEmpty()) {
                    continue; // escalated: nobody fits
                }
                RankedOption best = recommendation.best().get();
                AssignmentPlanner.Slot slot = planner.slotOf(best, input.stateOf(best.technicianId()));
                Technician technician = technicians.get(best.technicianId());
                List<Visit> plan = plans.computeIfAbsent(technician.id(), k -> new ArrayList<>());
                AssignmentPlanner.Commitment commitment = planner.commit(technician, plan,
                        Visit.proposed(job, classification).withState(Visit.State.ASSIGNED), slot.position(),
                        job.receivedAt(), roster.depots());
                plan.add(commitment.position(), Visit.proposed(job, classification).withState(Visit.State.ASSIGNED));
                // The stored ETAs are the plan's after every change (PlanBook.refresh).
                for (PlannedVisit visit : commitment.plan().visits()) {
                    committed.put(visit.jobId(), visit.planned() ? visit.arrival() : null);
                    departures.put(visit.jobId(), visit.planned() ? visit.departure() : null);
                }
            }
            return new Outcome(plans, committed, classified, departures);
        }

        /**
         * The optimizer once the burst is in: the per-job plans with the technicians set off, every job not yet in
         * the field open to it, within {@code budget}; the ETAs committed are its plans'.
         */
        Optimized optimized(Outcome perJob, Instant end, Duration budget, PlanOptimizer optimizer, long seed) {
            Map<String, List<Visit>> plans = new HashMap<>();
            perJob.plans().forEach((id, visits) -> plans.put(id, new ArrayList<>(visits)));
            setOff(plans, perJob.committed(), perJob.departures(), end);
            Map<String, Visit> visits = new HashMap<>();
            plans.values().forEach(list -> list.forEach(v -> visits.put(v.jobId(), v)));
            Map<String, OpenJob> open = new HashMap<>();
            for (Job job : burstJobs.values()) {
                Classification classification = perJob.jobs().get(job.id());
                Visit visit = visits.getOrDefault(job.id(),
                        Visit.proposed(job, classification).withState(Visit.State.ASSIGNED));
                if (!visit.state().movable()) {
                    continue;
                }
                Customer customer = customers.get(job.customerId());
                open.put(job.id(), new OpenJob(new RankingInput(job, classification, customer, end, List.of(),
                        Map.of(), Map.of(), roster.depots()), policies.select(job, classification, customer),
                        visit));
            }
            Optimization run = optimizer.optimize(new OptimizationProblem(end, roster.technicians(), plans, open,
                    roster.depots()), new PlanOptimizer.Limits(budget, null, null, seed));
            Map<String, List<Visit>> after = new HashMap<>();
            Map<String, Instant> committed = new HashMap<>();
            Map<String, Instant> departures = new HashMap<>();
            for (Technician technician : roster.technicians()) {
                List<Visit> plan = new ArrayList<>();
                for (String jobId : run.plans().getOrDefault(technician.id(), List.of())) {
                    plan.add(visits.containsKey(jobId) ? visits.get(jobId) : open.get(jobId).visit());
                }
                after.put(technician.id(), plan);
                for (PlannedVisit visit : timeline.compute(technician, plan, end, roster.depots()).visits()) {
                    committed.put(visit.jobId(), visit.planned() ? visit.arrival() : null);
                    departures.put(visit.jobId(), visit.planned() ? visit.departure() : null);
                }
            }
            return new Optimized(new Outcome(after, committed, perJob.jobs(), departures), run);
        }

        /** Jobs some qualified technician with an empty plan could reach by the deadline (at its arrival). */
        int reachableAlone(List<Job> jobs) {
            int reachable = 0;
            for (Job job : jobs) {
                Customer customer = customers.get(job.customerId());
                Classification classification = classifier.classify(job, customer);
                RankingPolicy policy = policies.select(job, classification, customer);
                Recommendation alone = ranker.rank(input(job, classification, customer, Map.of()), policy);
                if (alone.options().stream().anyMatch(o -> o.eta() != null
                        && !o.eta().isAfter(classification.slaDeadline()))) {
                    reachable++;
                }
            }
            return reachable;
        }

        /** The dispatcher: nearest free qualified technician, else the one whose queue ends first; at the end. */
        Outcome nearestFree(List<Job> jobs) {
            Map<String, List<Visit>> plans = new HashMap<>();
            Map<String, Instant> committed = new HashMap<>();
            Map<String, Classification> classified = new HashMap<>();
            List<HardConstraint> qualification = HardConstraints.all().stream().filter(c -> !c.positional()).toList();
            Set<String> qualificationRules = qualification.stream().map(HardConstraint::name)
                    .collect(Collectors.toSet());
            Map<String, Instant> departures = new HashMap<>();
            for (Job job : jobs) {
                setOff(plans, committed, departures, job.receivedAt());
                Customer customer = customers.get(job.customerId());
                Classification classification = classifier.classify(job, customer);
                classified.put(job.id(), classification);
                RankingPolicy policy = policies.select(job, classification, customer);
                Recommendation all = ranker.rank(input(job, classification, customer, plans), policy);
                Map<String, ExcludedTechnician> excluded = all.excluded().stream()
                        .collect(Collectors.toMap(ExcludedTechnician::technicianId, e -> e));
                Visit visit = Visit.proposed(job, classification).withState(Visit.State.ASSIGNED);
                String chosen = null;
                double nearest = Double.MAX_VALUE;
                Instant soonestEnd = null;
                PlannedVisit chosenVisit = null;
                for (Technician technician : roster.technicians()) {
                    ExcludedTechnician out = excluded.get(technician.id());
                    if (out != null && out.reasons().stream().anyMatch(r -> qualificationRules.contains(r.rule()))) {
                        continue;
                    }
                    List<Visit> queue = plans.getOrDefault(technician.id(), List.of());
                    TechnicianPlan before = timeline.compute(technician, queue, job.receivedAt(), roster.depots());
                    List<Visit> with = new ArrayList<>(queue);
                    with.add(visit);
                    PlannedVisit appended = timeline.compute(technician, with, job.receivedAt(), roster.depots())
                            .visits().get(queue.size());
                    if (!appended.planned() || appended.travelMinutes() > ranker.settings().maxTravelMinutes()) {
                        continue;
                    }
                    Instant queueEnd = before.visits().stream().filter(PlannedVisit::planned)
                            .map(PlannedVisit::finish).max(Instant::compareTo).orElse(job.receivedAt());
                    boolean free = !queueEnd.isAfter(job.receivedAt());
                    double distance = technician.currentPosition().distanceKm(job.location().point());
                    if (free && (soonestEnd != null || distance < nearest)) {
                        chosen = technician.id();
                        nearest = distance;
                        soonestEnd = null;
                        chosenVisit = appended;
                    } else if (!free && nearest == Double.MAX_VALUE
                            && (soonestEnd == null || queueEnd.isBefore(soonestEnd))) {
                        chosen = technician.id();
                        soonestEnd = queueEnd;
                        chosenVisit = appended;
                    }
                }
                if (chosen != null) {
                    plans.computeIfAbsent(chosen, k -> new ArrayList<>()).add(visit);
                    committed.put(job.id(), chosenVisit.arrival());
                    departures.put(job.id(), chosenVisit.departure());
                }
            }
            return new Outcome(plans, committed, classified, departures);
        }

        private RankingInput input(Job job, Classification classification, Customer customer,
                Map<String, List<Visit>> plans) {
            Map<String, TechnicianState> states = new HashMap<>();
            plans.forEach((id, visits) -> states.put(id, TechnicianState.planned(visits)));
            return new RankingInput(job, classification, customer, job.receivedAt(), roster.technicians(), states,
                    Map.of(), roster.depots());
        }

        /** The figures from every plan laid out again once the burst is in, the technicians having set off. */
        Figures figures(Outcome outcome, Instant end) {
            int onTime = 0;
            int planned = 0;
            double travel = 0;
            double overtime = 0;
            int overlaps = 0;
            int mismatches = 0;
            int overCapacity = 0;
            List<Integer> perTechnician = new ArrayList<>();
            for (Technician technician : roster.technicians()) {
                List<Visit> visits = outcome.plans.getOrDefault(technician.id(), List.of());
                Map<String, List<Visit>> started = new HashMap<>(Map.of(technician.id(), new ArrayList<>(visits)));
                setOff(started, outcome.committed, outcome.departures, end);
                TechnicianPlan plan = timeline.compute(technician, started.get(technician.id()), end, roster.depots());
                int jobs = 0;
                Map<LocalDate, Integer> perDay = new HashMap<>();
                for (PlannedVisit visit : plan.visits()) {
                    if (!visit.planned()) {
                        continue;
                    }
                    jobs++;
                    planned++;
                    travel += visit.travelMinutes();
                    perDay.merge(visit.day(), 1, Integer::sum);
                    if (visit.onTime()) {
                        onTime++;
                    }
                    Instant promised = outcome.committed.get(visit.jobId());
                    if (promised == null || Math.abs(promised.getEpochSecond() - visit.arrival().getEpochSecond()) > 60) {
                        mismatches++;
                    }
                }
                overtime += plan.overtimeMinutes();
                overCapacity += (int) perDay.values().stream().filter(n -> n > ranker.settings().dailyCapacity()).count();
                perTechnician.add(jobs);
                overlaps += overlaps(visits, outcome);
            }
            int unplanned = outcome.jobs.size() - planned;
            double mean = perTechnician.stream().mapToInt(Integer::intValue).average().orElse(0);
            double sd = Math.sqrt(perTechnician.stream().mapToDouble(n -> (n - mean) * (n - mean)).average().orElse(0));
            return new Figures(onTime, planned == 0 ? 0 : travel / planned, unplanned, overtime,
                    perTechnician.stream().mapToInt(Integer::intValue).max().orElse(0), sd, overlaps, mismatches,
                    overCapacity);
        }

        /** Two commitments of one technician overlap when the later ETA falls before the earlier job ends. */
        private static int overlaps(List<Visit> visits, Outcome outcome) {
            List<Visit> byEta = visits.stream().filter(v -> outcome.committed.get(v.jobId()) != null)
                    .sorted((a, b) -> outcome.committed.get(a.jobId()).compareTo(outcome.committed.get(b.jobId())))
                    .toList();
            int overlaps = 0;
            for (int i = 1; i < byEta.size(); i++) {
                Instant previousEnd = outcome.committed.get(byEta.get(i - 1).jobId()).plus(byEta.get(i - 1).work());
                if (outcome.committed.get(byEta.get(i).jobId()).isBefore(previousEnd)) {
                    overlaps++;
                }
            }
            return overlaps;
        }

        /**
         * The technicians follow their plans: the first job of a plan whose departure has come is en route (on site
         * once its arrival has come), as the technician would report it.
         */
        private static void setOff(Map<String, List<Visit>> plans, Map<String, Instant> arrivals,
                Map<String, Instant> departures, Instant now) {
            for (List<Visit> plan : plans.values()) {
                if (plan.isEmpty()) {
                    continue;
                }
                Visit first = plan.get(0);
                Instant departure = departures.get(first.jobId());
                Instant arrival = arrivals.get(first.jobId());
                if (departure == null || departure.isAfter(now) || first.state() == Visit.State.ON_SITE) {
                    continue;
                }
                boolean arrived = !arrival.isAfter(now);
                plan.set(0, new Visit(first.jobId(), arrived ? Visit.State.ON_SITE : Visit.State.EN_ROUTE, first.site(),
                        first.work(), first.slaDeadline(), first.window(), first.notBefore(), first.parts(),
                        first.priority(), arrived ? arrival : departure, null));
            }
        }
    }

    private static GatewayProperties properties() throws Exception {
        YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
        StandardEnvironment environment = new StandardEnvironment();
        for (String file : new String[] {"application-demo.yml", "application.yml"}) {
            for (PropertySource<?> source : loader.load(file, new ClassPathResource(file))) {
                environment.getPropertySources().addLast(source);
            }
        }
        return Binder.get(environment).bind("gateway", GatewayProperties.class).get();
    }

    private static RosterLoader.Roster roster() throws Exception {
        try (InputStream in = PeakBurstBenchmark.class.getResourceAsStream("/demo/roster.json")) {
            return new ObjectMapper().registerModule(new JavaTimeModule()).readValue(in, RosterLoader.Roster.class);
        }
    }
}
