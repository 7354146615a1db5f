package cn.nantong.tongtongzai.matching;

import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.security.Kind;
import cn.nantong.tongtongzai.platform.security.PlaceRedirect;

/** A matching job lives in memory; it belongs to the community or street it was started for. */
@Component
class MatchingJobPlaces implements PlaceRedirect {

    private final MatchingJobs jobs;

    MatchingJobPlaces(MatchingJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public Kind kind() {
        return Kind.MATCHING_JOB;
    }

    @Override
    public Optional<Target> redirect(String id) {
        try {
            return Optional.of(target(jobs.job(id)));
        } catch (UserInputException unknown) {
            return Optional.empty();
        }
    }

    static Target target(MatchingJob job) {
        return new Target("STREET".equals(job.scopeLevel()) ? Kind.STREET : Kind.COMMUNITY, job.scopeId());
    }
}
