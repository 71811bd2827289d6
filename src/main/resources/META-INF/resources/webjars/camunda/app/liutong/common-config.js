// What the four webapps' scripts/config.js have in common (they import it; their config is an ES module).

// Dates as 2026-03-31 and times as 2026-03-31 14:05, in the zone of liutong.time-zone (see
// plain-chinese.js, which also makes relative dates such as "4 个月前" absolute).
export const dateFormat = {
  abbr: 'YYYY-MM-DD HH:mm',
  normal: 'YYYY-MM-DD HH:mm',
  long: 'YYYY-MM-DD HH:mm:ss',
  short: 'YYYY-MM-DD'
};

// Dates in the configured zone, names instead of ids, the Tasklist header (customScripts are resolved
// against the app's folder, app/<app>/).
export const plainChinese = '../liutong/plain-chinese';
