package io.dispatchgateway.gateway.persistence;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the gateway asked a language model about a job and what came back, kept beside the job's decision so a
 * dispatcher or an auditor sees exactly what the model was shown and said.
 */
@Repository
public class ModelExchangeLog {

    /** What the gateway made of an answer. */
    public enum Outcome { ADOPTED, REFUSED, FAILED }

    /**
     * One exchange.
     *
     * @param purpose what the model was asked for ({@code classification}, {@code incident-summary})
     * @param detail what the gateway made of it: the notes of an adopted proposal, the text of an adopted
     *        summary, why it refused or got no answer
     * @param prompt the request as sent, without credentials
     * @param output the answer as received; null when none came
     */
    public record Exchange(String jobId, String purpose, String model, Instant at, Outcome outcome, String detail,
            String prompt, String output) {}

    private static final int MAX_DETAIL = 2000;

    private final JdbcClient jdbc;
    private final Clock clock;

    public ModelExchangeLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Keeps an exchange about a job; it belongs to the job's tenant. */
    public void keep(String jobId, String purpose, String model, Outcome outcome, String detail, String prompt,
            String output) {
        String cut = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        jdbc.sql("INSERT INTO model_exchange (job_id, tenant, purpose, model, at, outcome, detail, prompt, output)"
                        + " VALUES (?, (SELECT tenant FROM job WHERE id = ?), ?, ?, ?, ?, ?, ?, ?)")
                .param(jobId).param(jobId).param(purpose).param(model).param(OffsetDateTime.now(clock))
                .param(outcome.name()).param(cut).param(prompt).param(output).update();
    }

    /** The job's latest adopted exchange for {@code purpose} (its detail and model are what a pack shows). */
    public Optional<Exchange> latestAdopted(String jobId, String purpose) {
        return jdbc.sql("SELECT job_id, purpose, model, at, outcome, detail, prompt, output FROM model_exchange"
                        + " WHERE job_id = ? AND purpose = ? AND outcome = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .param(jobId).param(purpose).param(Outcome.ADOPTED.name()).query(ModelExchangeLog::exchange)
                .optional();
    }

    /** The exchanges about a job, oldest first. */
    public List<Exchange> forJob(String jobId) {
        return jdbc.sql("SELECT job_id, purpose, model, at, outcome, detail, prompt, output FROM model_exchange"
                        + " WHERE job_id = ? ORDER BY id")
                .param(jobId).query(ModelExchangeLog::exchange).list();
    }

    private static Exchange exchange(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Exchange(rs.getString("job_id"), rs.getString("purpose"), rs.getString("model"),
                rs.getObject("at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).toInstant(),
                Outcome.valueOf(rs.getString("outcome")), rs.getString("detail"), rs.getString("prompt"),
                rs.getString("output"));
    }
}
