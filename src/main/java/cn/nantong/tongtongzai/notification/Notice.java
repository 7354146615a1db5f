package cn.nantong.tongtongzai.notification;

import cn.nantong.tongtongzai.platform.security.Actor;

/** A notification to deliver: to whom, of which kind, its text, and what it is about. */
record Notice(Recipient recipient, String recipientId, NotificationKind kind, String text, About about) {

    /** Whose inbox: a member's or a resident's. The label is also the node's. */
    enum Recipient {
        MEMBER("Member"), RESIDENT("Resident");

        final String label;

        Recipient(String label) {
            this.label = label;
        }
    }

    /** The things a notification links to (ABOUT); the ids not given are null. */
    record About(String taskId, String requestId, String registrationId, String teamClaimId, String claimId) {

        static About task(String taskId) {
            return new About(taskId, null, null, null, null);
        }

        static About request(String requestId) {
            return new About(null, requestId, null, null, null);
        }

        static About registration(String registrationId) {
            return new About(null, null, registrationId, null, null);
        }

        static About teamClaim(String taskId, String teamClaimId) {
            return new About(taskId, null, null, teamClaimId, null);
        }

        static About claim(String taskId, String claimId) {
            return new About(taskId, null, null, null, claimId);
        }
    }

    static Notice toMember(String memberId, NotificationKind kind, String text, About about) {
        return new Notice(Recipient.MEMBER, memberId, kind, text, about);
    }

    static Notice toResident(String residentId, NotificationKind kind, String text, About about) {
        return new Notice(Recipient.RESIDENT, residentId, kind, text, about);
    }

    /** The key of this notice's inbox, stored on the notification and indexed with its time. */
    String inbox() {
        return inbox(recipient, recipientId);
    }

    static String inbox(Recipient recipient, String id) {
        return recipient.label + "/" + id;
    }

    /** The caller's own inbox: the token's member, else its resident; null for a caller who is neither. */
    static String inboxOf(Actor actor) {
        if (actor.memberId() != null) {
            return inbox(Recipient.MEMBER, actor.memberId());
        }
        return actor.residentId() != null ? inbox(Recipient.RESIDENT, actor.residentId()) : null;
    }
}
