package cn.nantong.tongtongzai.live;

import cn.nantong.tongtongzai.matching.MatchingJob;
import cn.nantong.tongtongzai.member.Registration;
import cn.nantong.tongtongzai.platform.security.Place;
import cn.nantong.tongtongzai.request.Request;
import cn.nantong.tongtongzai.task.Claim;
import cn.nantong.tongtongzai.task.Task;

/**
 * A committed change that subscribers may be told of: what it is as it was read after the commit, and where it
 * lies ({@link Place}, read once for every subscriber).
 */
sealed interface LiveEvent {

    Place place();

    /** A task was published; {@code emergencyForTeams}: an emergency offered to functional branches or groups. */
    record TaskPublished(Task task, Place place, boolean emergencyForTeams) implements LiveEvent {
    }

    /** A request was accepted, merged, rejected, resolved or reopened. */
    record RequestChanged(Request request, Place place) implements LiveEvent {
    }

    /** A registration was confirmed. */
    record RegistrationConfirmed(Registration registration, Place place) implements LiveEvent {
    }

    /** A member confirmed they take part in a team claim: their claim (source TEAM). */
    record TeamClaimConfirmed(Claim claim, Place place) implements LiveEvent {
    }

    /** A matching job's proposals or status changed; the job as it stood when read. */
    record ProposalsChanged(MatchingJob job, Place place) implements LiveEvent {
    }
}
