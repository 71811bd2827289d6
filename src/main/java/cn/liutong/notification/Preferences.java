package cn.liutong.notification;

/**
 * A person's choice: messages by e-mail, in the group chat of their branch or agency (robot), and e-mails
 * gathered into one daily digest instead of one by one. Everyone starts with e-mail and robot, no digest.
 */
record Preferences(boolean email, boolean robot, boolean digest) {

  static final Preferences DEFAULT = new Preferences(true, true, false);
}
