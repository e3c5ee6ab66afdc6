package io.dispatchgateway.adapters.servicetitan;

import io.dispatchgateway.adapters.servicetitan.dto.StTechnician;
import io.dispatchgateway.adapters.servicetitan.dto.StTechnicianShift;
import io.dispatchgateway.core.model.Contact;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Shift;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.TechnicianDirectory;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns ServiceTitan technicians into the gateway's, keeping what ServiceTitan does not know (certifications,
 * truck stock, skill levels set in the gateway) from the record already in the directory. Which skills a
 * technician has is ServiceTitan's to say: one removed there is dropped. ServiceTitan skills
 * have names but no levels: a new skill gets {@code gateway.adapters.servicetitan.skill-level}, and its name
 * becomes the gateway's skill id in lower case with dashes ("HVAC Heating" is {@code hvac-heating}). A
 * technician without a home address position or GPS fix cannot be ranked and is skipped with a warning.
 */
final class ServiceTitanTechnicians {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceTitanTechnicians.class);

    private final TechnicianDirectory directory;
    private final int defaultSkillLevel;
    private final Duration maxGpsAge;
    private final Clock clock;
    private final String tenant;

    /** @param tenant the gateway tenant the technicians work for */
    ServiceTitanTechnicians(TechnicianDirectory directory, int defaultSkillLevel, Duration maxGpsAge, Clock clock,
            String tenant) {
        this.tenant = tenant;
        this.directory = directory;
        this.defaultSkillLevel = defaultSkillLevel;
        this.maxGpsAge = maxGpsAge;
        this.clock = clock;
    }

    /** The zones the technician works in beyond the main one, by name when the zone list has it. */
    private static List<String> otherZones(StTechnician st, Map<Long, String> zoneNames) {
        if (st.zoneIds() == null) {
            return List.of();
        }
        return st.zoneIds().stream().filter(id -> id != null && !id.equals(st.mainZoneId()))
                .map(id -> zoneNames.getOrDefault(id, String.valueOf(id))).distinct().toList();
    }

    /**
     * The GPS fix, when it is recent enough to say where the technician is now: one older than {@code max-gps-age},
     * or without a time, says only where they were (a phone switched off overnight), so it is not used.
     */
    private GeoPoint recentFix(StTechnician st) {
        if (st.location() == null || st.location().coordinatesUpdatedOn() == null) {
            return null;
        }
        Instant taken = st.location().coordinatesUpdatedOn().toInstant();
        if (taken.isBefore(clock.instant().minus(maxGpsAge))) {
            LOG.debug("ServiceTitan technician {}: GPS fix of {} is older than {}; not used", st.id(), taken,
                    maxGpsAge);
            return null;
        }
        return point(st.location().latitude(), st.location().longitude());
    }

    /**
     * @param zoneNames zone id to name, for territories
     * @param plannedShifts technician id to their shift planned in the coming week, when dispatch has one
     * @return how many technicians were saved
     */
    int save(List<StTechnician> technicians, Map<Long, String> zoneNames, Map<Long, Shift> plannedShifts) {
        int saved = 0;
        for (StTechnician st : technicians) {
            Optional<Technician> known = directory.find(String.valueOf(st.id()));
            GeoPoint home = point(st.home() == null ? null : st.home().latitude(),
                    st.home() == null ? null : st.home().longitude());
            GeoPoint fix = recentFix(st);
            GeoPoint anyFix = st.location() == null ? null : point(st.location().latitude(), st.location().longitude());
            GeoPoint base = home != null ? home : anyFix != null ? anyFix : known.map(Technician::homeBase).orElse(null);
            if (base == null) {
                LOG.warn("ServiceTitan technician {} ({}) has no home position or GPS fix; not imported", st.id(),
                        st.name());
                continue;
            }
            Map<String, Integer> knownSkills = known.map(Technician::skills).orElse(Map.of());
            Map<String, Integer> skills = new LinkedHashMap<>(knownSkills);
            if (st.skills() != null) {
                // ServiceTitan decides which skills a technician has (a skill removed there is gone here); the
                // gateway keeps the level it has for each.
                skills.clear();
                for (StTechnician.Skill skill : st.skills()) {
                    if (skill.name() != null && !skill.name().isBlank()) {
                        String id = skillId(skill.name());
                        skills.putIfAbsent(id, knownSkills.getOrDefault(id, defaultSkillLevel));
                    }
                }
            }
            String phone = st.mobilePhone() != null ? st.mobilePhone() : st.phoneNumber();
            Shift shift = plannedShifts.containsKey(st.id()) ? plannedShifts.get(st.id()) : shift(st);
            directory.save(new Technician(String.valueOf(st.id()), st.name(), skills,
                    known.map(Technician::certifications).orElse(List.of()), shift,
                    base, st.mainZoneId() == null ? known.map(Technician::territory).orElse(null)
                            : zoneNames.getOrDefault(st.mainZoneId(), String.valueOf(st.mainZoneId())),
                    known.map(Technician::truckStock).orElse(Map.of()),
                    new Contact(phone, st.email()), st.active(),
                    // A stale fix says where they were, not where they are; without any, what the gateway had.
                    fix != null ? fix : anyFix != null ? null : known.map(Technician::lastKnownLocation).orElse(null),
                    otherZones(st, zoneNames), List.of(tenant)));
            saved++;
        }
        return saved;
    }

    /**
     * The weekly shift the planned shifts of the coming week describe: their days, from the earliest start to
     * the latest end, in local time of {@code zone}.
     */
    static Map<Long, Shift> plannedShifts(List<StTechnicianShift> shifts, ZoneId zone) {
        Map<Long, List<StTechnicianShift>> byTechnician = shifts.stream().filter(StTechnicianShift::working)
                .filter(s -> s.start() != null && s.end() != null)
                .collect(Collectors.groupingBy(StTechnicianShift::technicianId));
        Map<Long, Shift> planned = new HashMap<>();
        byTechnician.forEach((technician, list) -> {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            LocalTime start = LocalTime.MAX;
            LocalTime end = LocalTime.MIN;
            for (StTechnicianShift s : list) {
                var localStart = s.start().atZoneSameInstant(zone);
                var localEnd = s.end().atZoneSameInstant(zone);
                days.add(localStart.getDayOfWeek());
                start = localStart.toLocalTime().isBefore(start) ? localStart.toLocalTime() : start;
                LocalTime endTime = localEnd.toLocalDate().isAfter(localStart.toLocalDate()) ? LocalTime.of(23, 59)
                        : localEnd.toLocalTime();
                end = endTime.isAfter(end) ? endTime : end;
            }
            if (end.isAfter(start)) {
                planned.put(technician, new Shift(days, start, end));
            }
        });
        return planned;
    }

    /**
     * Gives every known technician whose planned shifts changed their new shift, whether or not their technician
     * record changed (shifts are planned apart from the record).
     *
     * @return how many technicians got a new shift
     */
    int refreshShifts(Map<Long, Shift> plannedShifts) {
        int refreshed = 0;
        for (Map.Entry<Long, Shift> planned : plannedShifts.entrySet()) {
            Optional<Technician> known = directory.find(String.valueOf(planned.getKey()));
            if (known.isPresent() && !planned.getValue().equals(known.get().shift())) {
                directory.save(known.get().withShift(planned.getValue()));
                refreshed++;
            }
        }
        return refreshed;
    }

    static String skillId(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** ServiceTitan sends shift times as durations since midnight ("08:00:00" or "PT8H"). */
    static Shift shift(StTechnician st) {
        LocalTime start = timeOfDay(st.shiftStart());
        LocalTime end = timeOfDay(st.shiftEnd());
        return start == null || end == null || !end.isAfter(start) ? null : new Shift(null, start, end);
    }

    private static LocalTime timeOfDay(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.startsWith("P")) {
                return LocalTime.MIDNIGHT.plus(Duration.parse(value));
            }
            return LocalTime.parse(value.length() == 5 ? value + ":00" : value.substring(0, Math.min(8,
                    value.length())));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static GeoPoint point(Double lat, Double lon) {
        return lat == null || lon == null || (lat == 0 && lon == 0) ? null : new GeoPoint(lat, lon);
    }
}
