package cn.nantong.tongtongzai.notification;

import static cn.nantong.tongtongzai.platform.graphql.Batches.ids;
import static cn.nantong.tongtongzai.platform.graphql.Batches.join;

import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;

import cn.nantong.tongtongzai.member.MemberService;
import cn.nantong.tongtongzai.member.Registration;
import cn.nantong.tongtongzai.notification.NotificationRecords.MarkNotificationsReadInput;
import cn.nantong.tongtongzai.notification.NotificationRecords.MarkNotificationsReadPayload;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.Page;
import cn.nantong.tongtongzai.platform.graphql.Validation;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.request.Request;
import cn.nantong.tongtongzai.request.RequestService;
import cn.nantong.tongtongzai.task.Claim;
import cn.nantong.tongtongzai.task.Task;
import cn.nantong.tongtongzai.task.TaskService;
import cn.nantong.tongtongzai.task.TeamClaim;

/**
 * graphql/notification.graphqls. Every field works on the caller's own inbox, taken from the token (its member,
 * else its resident), never from an argument: nobody can name someone else's.
 */
@Controller
class NotificationController {

    /** Ids one markNotificationsRead may name: a page's worth. */
    static final int MAX_IDS = Page.MAX_SIZE;

    private final NotificationService notifications;
    private final Inbox inbox;
    private final TaskService tasks;
    private final RequestService requests;
    private final MemberService members;

    NotificationController(NotificationService notifications, Inbox inbox, TaskService tasks, RequestService requests,
            MemberService members) {
        this.notifications = notifications;
        this.inbox = inbox;
        this.tasks = tasks;
        this.requests = requests;
        this.members = members;
    }

    @QueryMapping
    Window<Notification> notifications(@Argument Boolean unreadOnly, ScrollSubrange subrange, @ContextValue Actor actor) {
        Page page = Page.of(subrange);
        return page.window(notifications.inbox(Notice.inboxOf(actor), Boolean.TRUE.equals(unreadOnly), page));
    }

    @QueryMapping
    int unreadNotifications(@ContextValue Actor actor) {
        return notifications.unread(Notice.inboxOf(actor));
    }

    @MutationMapping
    MarkNotificationsReadPayload markNotificationsRead(@Argument MarkNotificationsReadInput input, @ContextValue Actor actor) {
        boolean some = input.ids() != null && !input.ids().isEmpty();
        boolean all = Boolean.TRUE.equals(input.all());
        new Validation()
                .require(some != all, "ids", ErrorCode.IDS_OR_ALL, "请选择要标为已读的消息，或选择全部标为已读（二选一）。")
                .require(input.ids() == null || input.ids().size() <= MAX_IDS, "ids", ErrorCode.INVALID_IDS,
                        "一次最多标记" + MAX_IDS + "条消息。")
                .throwIfInvalid();
        String mine = Notice.inboxOf(actor);
        int marked = inbox.markRead(mine, all ? null : input.ids());
        return new MarkNotificationsReadPayload(marked, notifications.unread(mine));
    }

    // what a notification is about: the types' own fields and rules apply below them

    @BatchMapping(typeName = "Notification")
    Map<Notification, Task> task(List<Notification> list) {
        return join(list, Notification::taskId, tasks.tasks(ids(list, Notification::taskId)));
    }

    @BatchMapping(typeName = "Notification")
    Map<Notification, Request> request(List<Notification> list) {
        return join(list, Notification::requestId, requests.requests(ids(list, Notification::requestId)));
    }

    @BatchMapping(typeName = "Notification")
    Map<Notification, Registration> registration(List<Notification> list) {
        return join(list, Notification::registrationId, members.registrations(ids(list, Notification::registrationId)));
    }

    @BatchMapping(typeName = "Notification")
    Map<Notification, TeamClaim> teamClaim(List<Notification> list) {
        return join(list, Notification::teamClaimId, tasks.teamClaims(ids(list, Notification::teamClaimId)));
    }

    @BatchMapping(typeName = "Notification")
    Map<Notification, Claim> claim(List<Notification> list) {
        return join(list, Notification::claimId, tasks.claims(ids(list, Notification::claimId)));
    }
}
