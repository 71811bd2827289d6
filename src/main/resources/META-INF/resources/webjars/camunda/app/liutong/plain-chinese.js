// Plain Chinese in every Camunda webapp (Tasklist, Cockpit, Admin, Welcome): loaded by each app's
// scripts/config.js (customScripts: ['../liutong/plain-chinese']) before the app starts.
//
// 1. Dates: every date and time in the zone of the server property liutong.time-zone (GET /ui/settings,
//    default Asia/Shanghai), not the browser's; the task list shows dates (2026-03-31), not "4 个月前".
//    Done through the webapps' own libraries (moment's offset hook, angular-moment's configuration,
//    AngularJS's date filter), so every screen that formats a date follows.
// 2. Tasklist header: the person's agency, unit and role (GET /ui/me), as a navbar plugin; 启动流程 and
//    创建任务 are shown only to whom the engine lets use them (hidden by user-styles.css until then).
// 3. Names instead of ids, where Camunda 7.24 prints a raw value and offers no hook to format it
//    (templates compiled into the bundles): tenant ids, login ids, task priorities, group types.
//    These few elements, found by their CSS classes, are rewritten as they appear.

const base = document.querySelector('base');
const appName = base.getAttribute('app-name');
// the webapps live one path level below the application's context root (/camunda by default)
const contextRoot = new URL('..', new URL(base.getAttribute('app-root') + '/', window.location.href)).pathname;

async function getJson(path) {
  try {
    const response = await fetch(contextRoot + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return response.ok ? await response.json() : null;
  } catch (e) {
    return null;
  }
}

const settings = (await getJson('ui/settings')) || {};
const TIME_ZONE = settings.timeZone || 'Asia/Shanghai';
const ZONE_NAMES = { 'Asia/Shanghai': '北京时间', 'Asia/Urumqi': '乌鲁木齐时间', 'Asia/Hong_Kong': '香港时间', 'Asia/Macau': '澳门时间', 'Asia/Taipei': '台北时间' };
const ZONE_NAME = ZONE_NAMES[TIME_ZONE] || TIME_ZONE;

// --- 1. dates -----------------------------------------------------------------------------------------

const zoneParts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
  hour: 'numeric', minute: 'numeric', second: 'numeric',
});

/** Minutes east of UTC of the configured zone at the given instant (daylight saving included). */
function offsetAt(millis) {
  const p = {};
  zoneParts.formatToParts(new Date(millis)).forEach((part) => { p[part.type] = part.value; });
  const wallClock = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);
  return Math.round((wallClock - (millis - (((millis % 1000) + 1000) % 1000))) / 60000);
}

/** "+0800" for AngularJS's date filter. */
function offsetText(millis) {
  const minutes = offsetAt(millis);
  const abs = Math.abs(minutes);
  return (minutes < 0 ? '-' : '+') + String(Math.floor(abs / 60)).padStart(2, '0') + String(abs % 60).padStart(2, '0');
}

/**
 * moment calls updateOffset for every moment it creates or changes (moment-timezone plugs in the same way):
 * local moments are moved to the configured zone; moments made in UTC on purpose (moment.utc) stay so.
 */
function showMomentsInZone(moment) {
  if (moment.__liutongZone) {
    return;
  }
  moment.__liutongZone = TIME_ZONE;
  moment.momentProperties.push('_ltUtc');
  const previous = moment.updateOffset;
  let busy = false;
  moment.updateOffset = function updateOffset(m, keepTime) {
    previous.call(this, m, keepTime);
    if (m._ltUtc === undefined) {
      m._ltUtc = !!m._isUTC;
    }
    if (busy || m._ltUtc || !m.isValid()) {
      return;
    }
    busy = true;
    try {
      m.utcOffset(offsetAt(m.valueOf()), keepTime);
    } finally {
      busy = false;
    }
  };
}

const angular = window.angular;
if (angular) {
  angular.module('ng').config(['$provide', ($provide) => {
    // AngularJS's own date filter (task history: "HH:mm") formats in the browser's zone unless told one
    $provide.decorator('dateFilter', ['$delegate', ($delegate) => function date(value, format, timezone) {
      if (timezone || value === null || value === undefined || value === '') {
        return $delegate(value, format, timezone);
      }
      const millis = value instanceof Date ? value.getTime() : new Date(value).getTime();
      return $delegate(value, format, Number.isNaN(millis) ? undefined : offsetText(millis));
    }]);
  }]).run(['$injector', ($injector) => {
    if ($injector.has('moment')) {
      showMomentsInZone($injector.get('moment'));
    }
    if ($injector.has('amTimeAgoConfig')) {
      // am-time-ago shows the date itself (YYYY-MM-DD) once |now - date| >= threshold; the directive compares
      // the signed difference, so a threshold far below zero means every date, past or future.
      const timeAgo = $injector.get('amTimeAgoConfig');
      timeAgo.fullDateThreshold = -Number.MAX_SAFE_INTEGER;
      timeAgo.fullDateThresholdUnit = 'millisecond';
      timeAgo.fullDateFormat = 'YYYY-MM-DD';
    }
  }]);
}

// Camunda Forms (form-js, in Tasklist) take the order and separators of their date fields from the browser's
// default locale, new Intl.DateTimeFormat('default'), with no option to set them: 2026/11/8 in a Chinese
// browser, 11/8/2026 in others. Chinese official documents write 2026-03-31 (GB/T 7408): that call, and only
// that one, gets a formatter of this form (en-CA formats dates as yyyy-MM-dd).
if (appName === 'tasklist') {
  const NativeDateTimeFormat = Intl.DateTimeFormat;
  const DateTimeFormat = function DateTimeFormat(locales, options) {
    if (locales === 'default' && options === undefined) {
      return new NativeDateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
    }
    return new NativeDateTimeFormat(locales, options);
  };
  DateTimeFormat.prototype = NativeDateTimeFormat.prototype;
  DateTimeFormat.supportedLocalesOf = NativeDateTimeFormat.supportedLocalesOf.bind(NativeDateTimeFormat);
  Intl.DateTimeFormat = DateTimeFormat;
}

// --- 2. who is signed in ------------------------------------------------------------------------------

let me = null;
let meRequest = null;
function whoAmI() {
  meRequest = meRequest || getJson('ui/me').then((user) => {
    me = user;
    meRequest = user ? meRequest : null; // before the login: ask again after it
    document.body.classList.toggle('lt-may-start-process', !!(user && user.mayStartProcess));
    document.body.classList.toggle('lt-may-create-task', !!(user && user.mayCreateTask));
    translateAll();
    return user;
  });
  return meRequest;
}
whoAmI();

const plugins = [];
if (appName === 'tasklist') {
  plugins.push({
    id: 'liutong-signed-in-user',
    pluginPoint: 'tasklist.navbar.action',
    priority: 400,
    render: (node) => {
      meRequest = null; // a new login may be someone else
      const label = document.createElement('span');
      label.className = 'lt-signed-in-user navbar-text';
      node.appendChild(label);
      whoAmI().then((user) => {
        label.textContent = user ? user.header : '';
        label.title = user ? user.name : '';
      });
    },
  });
}

// --- 3. names instead of ids --------------------------------------------------------------------------

const GROUP_TYPES = {
  SYSTEM: '系统', WORKFLOW: '业务', committee: '机关党委', partyGroup: '党组', branch: '党支部',
  branchSecretaries: '支部委员会', partyGroupSecretary: '党组书记', cityCommittee: '市直机关工委',
};

function priorityLabel(text) {
  const priority = Number(text);
  if (!/^-?\d+$/.test(text) || priority === 50) {
    return ''; // Camunda's default: nothing to say
  }
  return priority > 50 ? '优先' : '次要';
}

/** Rewrites the element's text node in place, so that AngularJS keeps updating the same node. */
function replaceText(element, text) {
  if (element.textContent.trim() === text) {
    return;
  }
  const nodes = [...element.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE);
  if (nodes.length === 0 || element.children.length > 0) {
    element.textContent = text;
    return;
  }
  nodes[0].nodeValue = text;
  nodes.slice(1).forEach((n) => { n.nodeValue = ''; });
}

function personName(id) {
  return (me && me.people && me.people[id]) || null;
}

function agencyName(id) {
  return (me && me.agencies && me.agencies[id]) || null;
}

const RULES = [
  // Tasklist (a task's or a startable process's agency), Cockpit (tables and details): class tenant-id
  ['.tenant-id', (el) => {
    const name = agencyName(el.textContent.trim());
    if (name) {
      replaceText(el, name);
    }
  }],
  // Tasklist: the task list's priority column
  ['.tasks-list .priority', (el) => {
    const text = el.textContent.trim();
    if (/^-?\d+$/.test(text)) {
      replaceText(el, priorityLabel(text));
    }
  }],
  // Tasklist: assignee in the list (shown as a login id when the profile is not readable) and in history
  // (a task's history also names the old and new assignee of a claim or an assignment)
  ['.tasks-list .assignee, .operation-user, .event-body .new-value span, .event-body .original-value span', (el) => {
    const name = personName(el.textContent.trim());
    if (name) {
      replaceText(el, name);
    }
  }],
  // Admin: group types in the group tables (never in inputs: an edited group keeps its type)
  ['td.group-type, .groups-list td:nth-child(3)', (el) => {
    const type = GROUP_TYPES[el.textContent.trim()];
    if (type) {
      replaceText(el, type);
    }
  }],
  // Tasklist forms: the date fields' placeholder ("yyyy-mm-dd")
  ['.fjs-datepicker input[placeholder]', (el) => {
    if (/^[ymd]+\W[ymd]+\W[ymd]+$/i.test(el.getAttribute('placeholder'))) {
      el.setAttribute('placeholder', '例：2026-03-31');
    }
  }],
  // every app: the footer names the configured zone, not the browser's
  ['#footer-timezone i', (el) => replaceText(el, ZONE_NAME)],
];

function translate(root) {
  if (root.nodeType !== Node.ELEMENT_NODE) {
    return;
  }
  for (const [selector, rule] of RULES) {
    if (root.matches(selector)) {
      rule(root);
    }
    root.querySelectorAll(selector).forEach(rule);
  }
}

function translateAll() {
  translate(document.body);
}

let scheduled = false;
new MutationObserver(() => {
  // batched: AngularJS renders in bursts
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      translateAll();
    });
  }
}).observe(document.body, { subtree: true, childList: true, characterData: true });

export default plugins;
