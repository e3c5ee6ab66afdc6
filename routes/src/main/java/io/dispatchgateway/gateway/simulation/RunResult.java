package io.dispatchgateway.gateway.simulation;

import java.util.List;
import java.util.Map;

/**
 * One simulated run: the variant (a policy or a baseline), the seed, its KPIs, and the series the report draws.
 *
 * @param slaByHour local hour of arrival to {jobs, on time}
 * @param travel each job's drive in minutes, as driven
 * @param load completed jobs per technician (every active technician, zero included)
 * @param seconds how long the run took on this machine
 */
public record RunResult(String variant, long seed, SimulationKpis kpis, Map<Integer, int[]> slaByHour,
        List<Double> travel, Map<String, Integer> load, long events, double seconds) {}
