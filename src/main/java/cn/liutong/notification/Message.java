package cn.liutong.notification;

import java.util.Date;

/**
 * One row of the outbox. {@code event} names what happened once (a task created, a task overdue);
 * together with recipient and channel it is the deduplication key, so a scan run twice or two nodes
 * writing the same event leave one message.
 */
record Message(String event, Kind kind, Channel channel, String recipient, String agencyId, String taskId,
    String subject, String body, boolean digest, Date notBefore) {

  String dedupKey() {
    return event + "|" + recipient + "|" + channel;
  }
}
