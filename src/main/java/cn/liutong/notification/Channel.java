package cn.liutong.notification;

/** Where a message goes: a person's e-mail, or the group chat of a unit through its robot. */
enum Channel {
  EMAIL, WECOM, DINGTALK;

  boolean robot() {
    return this != EMAIL;
  }
}
