package io.dispatchgateway.core.port;

import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Technician;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where the gateway reads technicians: skills, certifications, shifts, truck stock and location. */
public interface TechnicianDirectory {

    Optional<Technician> find(String id);

    /** Every technician who could in principle take work; hard constraints decide the rest. */
    List<Technician> all();

    /** Page through the directory, ordered by id. */
    List<Technician> page(int offset, int limit);

    long count();

    void save(Technician technician);

    /** Records a live location fix for a technician. */
    void updateLocation(String technicianId, GeoPoint location, Instant at);
}
