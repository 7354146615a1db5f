package cn.nantong.tongtongzai.notification;

import java.util.List;

/** GraphQL inputs and payloads of graphql/notification.graphqls. */
final class NotificationRecords {

    private NotificationRecords() {
    }

    record MarkNotificationsReadInput(List<String> ids, Boolean all) {
    }

    record MarkNotificationsReadPayload(int marked, int unread) {
    }
}
