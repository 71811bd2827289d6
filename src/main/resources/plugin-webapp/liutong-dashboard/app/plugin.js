/*
 * 六同看板: a Cockpit page (route #/liutong-dashboard, an entry in Cockpit's header) and a summary on
 * Cockpit's start page, for managers who follow where every branch stands without reading BPMN. With
 * ?cycle=…&branch=… the page shows one branch's work: items, reports, findings, late steps,
 * rectifications and result. Links between the two change only the address; Cockpit's router then
 * renders the route again.
 *
 * Camunda 7.24 front-end plugin format: an ES module whose default export lists plugin definitions
 * {id, pluginPoint, priority, properties, render(node, {api})}. Cockpit imports this file by itself
 * because the server registers the plugin (cn.liutong.dashboard.DashboardCockpitPlugin).
 *
 * Plain DOM, no build step. Every text from the server goes in through textContent, never innerHTML;
 * links only to paths of this server.
 */

const PLUGIN_ID = 'liutong-dashboard';
const ROUTE = '/liutong-dashboard';

// ------------------------------------------------------------------ DOM helpers

/** An element with properties (className, id, href, title, ...), data-* attributes and children. */
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.entries(props || {}).forEach(([key, value]) => {
    if (value === undefined || value === null) {
      return;
    }
    if (key === 'data') {
      Object.entries(value).forEach(([name, v]) => { node.dataset[name] = v; });
    } else if (key === 'style') {
      Object.assign(node.style, value);
    } else {
      node[key] = value;
    }
  });
  children.flat().forEach(child => {
    if (child === null || child === undefined || child === false) {
      return;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  });
  return node;
}

/** Only paths of this server are followed (never javascript: or another host). */
function safeHref(href) {
  return typeof href === 'string' && href.startsWith('/') && !href.startsWith('//') ? href : null;
}

function link(href, text, props) {
  const target = safeHref(href);
  if (!target) {
    return el('span', props, text);
  }
  // Tasklist is another app: open it beside Cockpit.
  const other = target.includes('/app/tasklist/') ? { target: '_blank', rel: 'noopener' } : {};
  return el('a', Object.assign({ href: target }, other, props), text);
}

/**
 * A number and what stands behind it: one target opens directly, several open a list to choose from,
 * zero is just 0.
 */
function figure(fig, extraClass) {
  const count = fig ? fig.count : 0;
  const className = 'lt-num' + (extraClass ? ' ' + extraClass : '');
  if (!count) {
    return el('span', { className: className + ' lt-zero' }, '0');
  }
  const links = fig.links || [];
  if (links.length === 1 && safeHref(links[0].href)) {
    return link(links[0].href, String(count), { className, title: links[0].label });
  }
  return el('details', { className: 'lt-figure' },
    el('summary', { className, title: '点击查看明细' }, String(count)),
    el('ul', { className: 'lt-links' },
      links.map(l => el('li', {}, link(l.href, l.label)))));
}

function table(id, headers, rows, emptyText) {
  if (!rows.length) {
    return el('p', { id, className: 'lt-empty' }, emptyText);
  }
  return el('table', { id, className: 'table table-condensed lt-table' },
    el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
    el('tbody', {}, rows));
}

function section(id, title, hint, ...content) {
  return el('section', { id, className: 'lt-section' },
    el('h2', {}, title), hint ? el('p', { className: 'lt-hint' }, hint) : null, ...content);
}

// ------------------------------------------------------------------ data

async function fetchBoard(api, params, resource) {
  const query = new URLSearchParams();
  Object.entries(params || {}).forEach(([k, v]) => { if (v) { query.set(k, v); } });
  const url = `${api.cockpitApi}/plugin/${PLUGIN_ID}/${api.engine}/dashboard` + (resource ? '/' + resource : '')
    + (query.toString() ? '?' + query : '');
  const response = await fetch(url, {
    credentials: 'same-origin',
    headers: { 'Accept': 'application/json', 'X-XSRF-TOKEN': api.CSRFToken }
  });
  if (!response.ok) {
    const error = new Error('HTTP ' + response.status);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

/**
 * 导出Excel / 打印PDF: the cycle's 台账 (one branch's on its page) as files. Plain links: the browser sends the
 * session cookie with a GET, the server applies the dashboard's rules and names the file.
 */
function exportButtons(api, cycleId, branch) {
  const query = new URLSearchParams({ cycle: cycleId });
  if (branch) {
    query.set('branch', branch);
  }
  const base = `${api.cockpitApi}/plugin/${PLUGIN_ID}/${api.engine}/dashboard/ledger`;
  const hint = branch ? '本支部本周期的台账' : '本周期台账（含您可查看的各支部）';
  return el('span', { className: 'lt-export' },
    link(base + '.xlsx?' + query, '导出Excel', { id: 'lt-export-xlsx', className: 'btn btn-default btn-sm', download: '', title: hint + '，Excel 表格' }),
    link(base + '.pdf?' + query, '打印PDF', { id: 'lt-export-pdf', className: 'btn btn-default btn-sm', download: '', title: hint + '，A4 可打印 PDF' }));
}

function errorText(error, what) {
  if (error.status === 404) {
    return '未找到该' + (what || '机关或融合工作周期') + '，或您无权查看。';
  }
  if (error.status === 401 || error.status === 403) {
    return '登录已失效或无权访问，请重新登录。';
  }
  return '看板数据加载失败（' + error.message + '），请稍后刷新。';
}

/** agency / cycle / branch from the page address, e.g. #/liutong-dashboard?cycle=...&branch=... */
function paramsFromLocation() {
  const hash = window.location.hash || '';
  const query = new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
  return { agency: query.get('agency'), cycle: query.get('cycle'), branch: query.get('branch') };
}

// ------------------------------------------------------------------ the page

function stageStrip(board) {
  const total = board.stages.reduce((sum, s) => sum + s.branches.count, 0);
  const cells = [];
  board.stages.forEach((stage, i) => {
    if (i > 0) {
      cells.push(el('span', { className: 'lt-arrow', ariaHidden: 'true' }, '→'));
    }
    const share = total ? Math.round(100 * stage.branches.count / total) : 0;
    cells.push(el('div', { className: 'lt-stage' + (stage.branches.count ? ' lt-stage-active' : ''), data: { stage: stage.key } },
      el('div', { className: 'lt-stage-label' }, stage.label),
      el('div', { className: 'lt-stage-count' }, figure(stage.branches), el('span', { className: 'lt-unit' }, '个支部')),
      el('div', { className: 'lt-bar', title: share + '%' }, el('span', { style: { width: share + '%' } }))));
  });
  return el('div', { className: 'lt-stages' }, cells);
}

/** The items by milestone light: green (已完成, 正常), yellow (临近), red (逾期), each a figure. */
const LIGHTS = [['done', '已完成', 'green'], ['onTrack', '正常', 'green'], ['dueSoon', '临近', 'yellow'], ['overdue', '逾期', 'red']];

function lightCounts(lights, id) {
  return el('span', { id, className: 'lt-lights' }, LIGHTS.map(([key, label, colour]) =>
    el('span', { className: 'lt-light', data: { light: key, colour }, title: label }, label + ' ',
      figure(lights ? lights[key] : null))));
}

function lightBadge(item) {
  return item.light
    ? el('span', { className: 'lt-light', data: { light: item.light, colour: item.lightColour } }, item.lightLabel)
    : '—';
}

function branchTable(board) {
  const rows = board.branches.map(b => el('tr', { data: { branch: b.code, stage: b.stage || '' } },
    el('td', {}, link(b.href, b.name, { className: 'lt-branch' })),
    el('td', {}, el('span', { className: 'lt-badge', data: { stage: b.stage || '' } }, b.stageLabel)),
    el('td', { className: 'lt-steps' + (b.waiting ? ' lt-waiting' : '') }, b.steps.join('；')),
    el('td', { className: 'lt-c' }, lightCounts(b.milestones)),
    el('td', { className: 'lt-c' }, figure(b.overdueTasks, 'lt-bad')),
    el('td', { className: 'lt-c' }, b.maxOverdueDays ? b.maxOverdueDays + '天' : '—'),
    el('td', { className: 'lt-c' }, figure(b.rectificationsOpened)),
    el('td', { className: 'lt-c' }, figure(b.rectificationsOpen)),
    el('td', { className: 'lt-c' }, figure(b.rectificationsVerified)),
    el('td', { className: 'lt-c' }, figure(b.rectificationsOverdue, 'lt-bad')),
    el('td', { className: 'lt-c' }, b.grade || '—'),
    el('td', { className: 'lt-c' }, b.weightedScore === null ? '—' : String(b.weightedScore)),
    el('td', { className: 'lt-c' }, b.rank === null ? '—' : '第' + b.rank + '名')));
  return table('lt-branch-table',
    ['支部', '所处阶段', '当前环节', '重要节点亮灯', '逾期事项', '最长逾期', '整改发起', '整改在办', '已销号', '整改逾期', '考核等次', '综合得分', '排名'],
    rows, '您可查看的支部暂无数据。');
}

function overdueSection(board) {
  const overdue = board.overdue;
  const maxDays = Math.max(1, ...overdue.byBranch.map(b => b.maxDays));
  const byBranch = overdue.byBranch.map(b => el('tr', { data: { branch: b.code } },
    el('td', {}, b.name),
    el('td', { className: 'lt-c' }, figure(b.tasks, 'lt-bad')),
    el('td', {}, el('div', { className: 'lt-bar lt-bar-bad', title: b.maxDays + '天' },
      el('span', { style: { width: Math.round(100 * b.maxDays / maxDays) + '%' } })),
    el('span', { className: 'lt-days' }, '最长逾期' + b.maxDays + '天'))));
  const tasks = overdue.tasks.map(t => lateRow(t, true));
  return section('lt-overdue', '逾期事项', '已过应完成日期仍未办理的事项；点击事项名称到任务办理中查看（无权在任务办理中查看的，打开所涉支部的详情）。',
    el('p', { className: 'lt-summary' }, '共 ', figure(overdue.total, 'lt-bad'), ' 项逾期，其中机关层面（机关党委、党组办理） ',
      figure(overdue.agencyWide, 'lt-bad'), ' 项。'),
    table('lt-overdue-branches', ['支部', '逾期事项', '逾期时长'], byBranch, '各支部暂无逾期事项。'),
    table('lt-overdue-tasks', ['事项', '所涉支部', '办理方', '层级', '来源', '应完成日期', '已逾期'], tasks, '暂无逾期事项。'),
    overdue.proceeded.length ? el('h3', { className: 'lt-subtitle' }, '未按期完成、机关党委决定不再等待的支部') : null,
    overdue.proceeded.length ? table('lt-proceeded', ['支部', '未完成事项', '原办理人', '决定人', '决定时间', '理由'],
      overdue.proceeded.map(p => proceededRow(p, true)), '') : null);
}

/** A stage that went on without a late branch (推进): the step it had not done, who decided, when and why. */
function proceededRow(p, withBranch) {
  return el('tr', { data: { branch: p.branchCode } },
    withBranch ? el('td', {}, p.branchName) : null,
    el('td', { className: 'lt-bad-text' }, p.step), el('td', { className: 'lt-c' }, dash(p.assignee)),
    el('td', { className: 'lt-c' }, p.decidedBy), el('td', { className: 'lt-c' }, p.decidedAt), multiline(p.reason));
}

/** A late step: what, (which branch,) who has to act, at which level, since when. */
function lateRow(t, withBranch) {
  return el('tr', { data: { task: t.taskId, level: t.agencyLevel ? 'agency' : 'branch' } },
    el('td', {}, link(t.href, t.name, { className: 'lt-late-step' })),
    withBranch ? el('td', {}, t.branchName || '全机关') : null,
    el('td', {}, t.handler || '—'),
    el('td', {}, t.agencyLevel ? '机关层面' : '支部层面'),
    el('td', {}, t.source),
    el('td', { className: 'lt-c' }, t.due),
    el('td', { className: 'lt-c lt-bad-text' }, t.daysOverdue + '天'));
}

function rectificationSection(board) {
  const r = board.rectifications;
  const tile = (key, label, fig, bad) => el('div', { className: 'lt-tile', data: { rect: key } },
    el('div', { className: 'lt-tile-label' }, label), figure(fig, bad ? 'lt-bad' : null));
  return section('lt-rectifications', '整改情况', '本周期督查、考核中发现问题而发起的整改；“逾期”指曾超过整改期限。',
    el('div', { className: 'lt-tiles' },
      tile('opened', '已发起', r.opened), tile('open', '在办', r.open), tile('verified', '已销号', r.verified),
      tile('overdue', '逾期', r.overdue, true)));
}

function gradeSection(board) {
  const total = board.grades.reduce((sum, g) => sum + g.branches.count, 0);
  const rows = board.grades.map(g => el('tr', { data: { grade: g.grade } },
    el('td', {}, g.grade),
    el('td', { className: 'lt-c' }, figure(g.branches)),
    el('td', { className: 'lt-wide' }, el('div', { className: 'lt-bar' },
      el('span', { style: { width: (total ? Math.round(100 * g.branches.count / total) : 0) + '%' } })))));
  return section('lt-grades', '考核等次分布', total ? null : '本周期尚未评定考核等次。',
    table('lt-grade-table', ['等次', '支部数', '占比'], rows, ''));
}

function rankingSection(board) {
  const rows = board.ranking.map(r => el('tr', { data: { branch: r.code } },
    el('td', { className: 'lt-c' }, '第' + r.rank + '名'),
    el('td', {}, link(r.href, r.name)),
    el('td', { className: 'lt-c' }, String(r.weightedScore)),
    el('td', { className: 'lt-c' }, r.grade),
    el('td', {}, r.approved ? '党组已审定' : '待党组审定')));
  return section('lt-ranking', '支部排名', '按综合得分从高到低，得分相同名次相同。',
    table('lt-ranking-table', ['排名', '支部', '综合得分', '等次', '状态'], rows, '本周期尚未评分。'));
}

function selectors(board, onChange) {
  const agency = el('select', { id: 'lt-agency', className: 'form-control input-sm' },
    board.agencies.map(a => el('option', { value: a.id, selected: a.id === board.agencyId }, a.name)));
  const cyclesOfAgency = board.cycles.filter(c => c.agencyId === board.agencyId);
  const cycle = el('select', { id: 'lt-cycle', className: 'form-control input-sm', disabled: !cyclesOfAgency.length },
    cyclesOfAgency.length ? cyclesOfAgency.map(c => el('option', {
      value: c.id, selected: board.cycle && c.id === board.cycle.id
    }, c.name + '（' + c.statusLabel + '）')) : el('option', {}, '暂无周期'));
  agency.addEventListener('change', () => onChange({ agency: agency.value }));
  cycle.addEventListener('change', () => onChange({ agency: agency.value, cycle: cycle.value }));
  return [el('label', { className: 'lt-select' }, '机关', agency), el('label', { className: 'lt-select' }, '融合工作周期', cycle)];
}

function page(board, onChange, onRefresh, api) {
  const cycle = board.cycle;
  const head = el('header', { className: 'lt-head' },
    el('h1', {}, '六同看板'),
    selectors(board, onChange),
    cycle ? el('span', { id: 'lt-status', className: 'lt-badge', data: { status: cycle.status } }, cycle.statusLabel) : null,
    cycle && cycle.href ? link(cycle.href, '在流程监控中查看本周期', { className: 'lt-cycle-link' }) : null,
    el('button', { id: 'lt-refresh', className: 'btn btn-default btn-sm', type: 'button', onclick: onRefresh }, '刷新'),
    cycle && board.ledgerExport ? exportButtons(api, cycle.id) : null,
    el('span', { className: 'lt-generated' }, '数据时间 ' + board.generatedAt));
  if (!cycle) {
    return [head, el('p', { id: 'lt-no-cycle', className: 'lt-empty' }, '该机关暂无融合工作周期。')];
  }
  return [head,
    el('p', { className: 'lt-period' }, cycle.agencyName + ' · ' + cycle.name + ' · ' + cycle.periodStart + ' 至 ' + cycle.periodEnd),
    section('lt-stages', '阶段分布', '同规划 → 同部署 → 同落实 → 同检查 → 同考核 → 同问责：每个支部现在所处的阶段。机关层面的环节（制定目标、分解清单、审定考核结果）进行时，各支部同处该阶段；支部已完成本阶段而等待其他支部时，计入下一阶段。点击数字查看是哪些支部。',
      stageStrip(board)),
    section('lt-milestones', '重要节点亮灯', '您可查看的各支部责任事项按重要节点亮灯：已完成、正常为绿灯，'
      + '节点日期临近为黄灯（临近），节点日期已过仍未完成为红灯（逾期）。状态取支部最近一次进展报告。',
      lightCounts(board.milestones, 'lt-milestone-lights')),
    section('lt-branches', '各支部情况', '点击支部名称查看该支部的责任清单、进展报告、督查发现、整改和逾期事项。', branchTable(board)),
    overdueSection(board),
    rectificationSection(board),
    el('div', { className: 'lt-columns' }, gradeSection(board), rankingSection(board))];
}

// ------------------------------------------------------------------ one branch's page

const dash = value => (value === null || value === undefined || value === '' ? '—' : String(value));

function multiline(text) {
  return el('td', { className: 'lt-text' }, dash(text));
}

function branchPage(detail, onRefresh, api) {
  const cycle = detail.cycle;
  const head = el('header', { className: 'lt-head' },
    el('h1', {}, '六同看板'),
    link(detail.dashboardHref, '← 返回本周期看板', { id: 'lt-back', className: 'lt-back' }),
    el('button', { id: 'lt-refresh', className: 'btn btn-default btn-sm', type: 'button', onclick: onRefresh }, '刷新'),
    detail.ledgerExport ? exportButtons(api, detail.cycle.id, detail.code) : null,
    el('span', { className: 'lt-generated' }, '数据时间 ' + detail.generatedAt));
  const title = el('div', { id: 'lt-branch-title', className: 'lt-branch-title', data: { branch: detail.code, stage: detail.stage || '' } },
    el('h2', {}, detail.name),
    el('span', { className: 'lt-badge', data: { stage: detail.stage || '' } }, detail.stageLabel),
    el('span', { className: 'lt-steps' + (detail.waiting ? ' lt-waiting' : '') }, '当前环节：' + (detail.steps.join('；') || '—')));

  const late = detail.lateSteps.map(t => lateRow(t, false));
  const items = detail.items.map(i => el('tr', { data: { item: i.itemNo, light: i.light || '' } },
    el('td', { className: 'lt-c' }, i.itemNo ? String(i.itemNo) : '—'),
    el('td', {}, i.goalName), multiline(i.measures), el('td', {}, dash(i.milestone)),
    el('td', { className: 'lt-c' }, dash(i.milestoneDate)),
    el('td', { className: 'lt-c' }, lightBadge(i)),
    el('td', { className: 'lt-c' }, i.statusLabel ? i.statusLabel + (i.reportedAt ? '（' + i.reportedAt + '）' : '') : '—'),
    multiline(i.statusNote),
    el('td', { className: 'lt-c' }, i.signedAt ? '已签收（' + i.signedAt + '）' : '未签收')));
  const reports = detail.reports.map(r => el('tr', {},
    el('td', { className: 'lt-c' }, '第' + r.round + '轮'), multiline(r.partyProgress), multiline(r.businessProgress),
    multiline(r.difficulties), el('td', { className: 'lt-c' }, dash(r.reportedBy)), el('td', { className: 'lt-c' }, dash(r.reportedAt))));
  const findings = detail.findings.map(f => el('tr', { data: { problem: f.problemsFound ? 'yes' : 'no' } },
    el('td', { className: 'lt-c' }, '第' + f.round + '轮'), multiline(f.findings),
    el('td', { className: 'lt-c' + (f.problemsFound ? ' lt-bad-text' : '') }, f.problemsFound ? '发现问题' : '未发现问题'),
    multiline(f.problem), el('td', { className: 'lt-c' }, dash(f.inspectedBy)), el('td', { className: 'lt-c' }, dash(f.inspectedAt))));
  const rects = detail.rectifications.map(r => el('tr', {},
    multiline(r.problem), el('td', {}, r.sourceLabel), el('td', { className: 'lt-c' }, r.deadline),
    el('td', { className: 'lt-c' }, r.statusLabel), el('td', {}, r.openSteps.join('；') || '—'),
    el('td', { className: 'lt-c' + (r.overdue ? ' lt-bad-text' : '') }, r.overdue ? '曾逾期' : '否')));
  const posts = detail.vanguardPosts.map(p => el('tr', {},
    el('td', { className: 'lt-c' }, p.typeLabel), el('td', {}, p.postName), el('td', { className: 'lt-c' }, p.memberName),
    el('td', { className: 'lt-c' }, p.statusLabel), multiline(p.pledge), multiline(p.fulfilments.join('\n') || '—')));
  const meetings = detail.meetings.map(m => el('tr', { data: { status: m.statusLabel } },
    el('td', { className: 'lt-c' }, m.plannedDate), el('td', { className: 'lt-c' }, m.typeLabel),
    multiline(m.topicSource ? m.topic + '\n议题来源：' + m.topicSource : m.topic),
    el('td', { className: 'lt-c' + (m.statusLabel.startsWith('已召开') || m.statusLabel === '待召开' ? '' : ' lt-bad-text') }, m.statusLabel),
    el('td', { className: 'lt-c' }, dash(m.heldDate)), el('td', { className: 'lt-c' }, m.attendanceCount == null ? '—' : String(m.attendanceCount))));
  const result = detail.result;

  return [head,
    el('p', { className: 'lt-period' }, cycle.agencyName + ' · ' + cycle.name + '（' + cycle.statusLabel + '） · '
      + cycle.periodStart + ' 至 ' + cycle.periodEnd),
    title,
    section('lt-branch-late', '逾期事项', '点击事项名称到任务办理中查看；无权查看的事项只列出办理方。',
      table('lt-branch-late-table', ['事项', '办理方', '层级', '来源', '应完成日期', '已逾期'], late, '本支部暂无逾期事项。')),
    section('lt-branch-proceeded', '未按期完成（机关党委决定不再等待）', '本支部逾期未完成、机关党委决定推进的阶段事项：本支部在该阶段未办结的事项已结束，记为逾期未完成。',
      table('lt-branch-proceeded-table', ['未完成事项', '原办理人', '决定人', '决定时间', '理由'],
        detail.proceeded.map(p => proceededRow(p, false)), '本支部没有未按期完成的阶段事项。')),
    section('lt-branch-items', '责任清单', '同部署中分解给本支部的责任事项，及其重要节点亮灯和最近一次逐项报告的状态。',
      el('p', {}, '亮灯：', lightCounts(detail.milestones, 'lt-branch-lights')),
      table('lt-branch-items-table', ['序号', '目标', '责任措施', '重要节点', '节点日期', '亮灯', '报告状态', '进展说明', '签收'],
        items, '尚未分解责任清单。')),
    section('lt-branch-reports', '进展报告（同述）', '每轮督查前支部报告的党建和业务进展。',
      table('lt-branch-reports-table', ['轮次', '党建进展', '业务进展', '困难和问题', '报告人', '报告时间'], reports, '尚无进展报告。')),
    section('lt-branch-findings', '督查发现', '机关党委督查本支部的情况。',
      table('lt-branch-findings-table', ['轮次', '督查情况', '结论', '问题描述', '督查人', '督查时间'], findings, '尚未督查。')),
    section('lt-branch-rectifications', '整改', '因本支部的问题发起的整改。',
      table('lt-branch-rectifications-table', ['问题', '来源', '整改期限', '状态', '当前环节', '逾期'], rects, '本周期暂无整改。')),
    section('lt-branch-vanguard', '党员先锋岗、示范窗口', '本支部的先锋岗及其在本周期各督查轮次报告的践诺情况。',
      table('lt-branch-vanguard-table', ['类型', '岗位名称', '党员', '状态', '承诺事项', '本周期践诺情况'], posts,
        '本支部暂无党员先锋岗、示范窗口。')),
    section('lt-branch-meetings', '三会一课、主题党日', '本支部在落实方案中计划的会议：计划日期后7天内召开为已召开，晚于7天为逾期召开，计划日期后30天未记录为未召开。',
      table('lt-branch-meetings-table', ['计划日期', '类型', '议题', '状态', '召开日期', '参会人数'], meetings,
        '本支部尚未计划会议。')),
    section('lt-branch-result', '考核结果', null, result
      ? el('p', { id: 'lt-branch-grade' }, '等次：', el('strong', {}, result.grade), ' · 综合得分 ' + result.weightedScore
        + ' · ' + (result.approved ? '党组已审定' : '待党组审定') + (result.measure ? ' · 问责措施：' + result.measure : ''))
      : el('p', { className: 'lt-empty' }, '尚未考核评分。'))];
}

/**
 * The branch's files (留痕) of the cycle, from the attachments plugin of Tasklist (same login, same
 * visibility as the branch's ledger rows); its table and download links are that plugin's own.
 */
function attachmentsSection(api, params) {
  const body = el('div', {}, el('p', { className: 'lt-empty' }, '正在加载附件…'));
  const tasklistApi = api.tasklistApi || String(api.cockpitApi).replace(/cockpit$/, 'tasklist');
  const query = new URLSearchParams({ cycle: params.cycle || '', branch: params.branch || '' });
  Promise.all([
    import(`${tasklistApi}/plugin/liutong-attachments/static/app/plugin.js`),
    fetch(`${tasklistApi}/plugin/liutong-attachments/${api.engine}/branch?${query}`, {
      credentials: 'same-origin', headers: { 'Accept': 'application/json', 'X-XSRF-TOKEN': api.CSRFToken }
    }).then(response => {
      if (!response.ok) {
        throw Object.assign(new Error('HTTP ' + response.status), { status: response.status });
      }
      return response.json();
    })
  ]).then(([plugin, files]) => body.replaceChildren(plugin.attachmentTable(api, files, null, '本支部本周期暂无附件。')))
    .catch(error => body.replaceChildren(el('p', { className: 'lt-error' }, errorText(error, '支部附件'))));
  return section('lt-branch-attachments', '附件（留痕）', '支部在进展报告、述职、整改等环节上传的佐证材料，点击文件名下载。', body);
}

// ------------------------------------------------------------------ city committee (机关工委)

/**
 * Every agency side by side for one year, ranked, with the quarters' inspections and rectifications: shown
 * only to those the server answers (the city committee and administrators); for anyone else the request is
 * refused (403) and the section is left out.
 */
function citySection(api) {
  const body = el('div', {}, el('p', { className: 'lt-empty' }, '正在加载各机关汇总…'));
  const root = el('section', { id: 'lt-city', className: 'lt-section', hidden: true },
    el('h2', {}, '各机关汇总与排名（市直机关工委）'),
    el('p', { className: 'lt-hint' }, '本年度各机关融合工作周期并列比较：当前阶段取进度最慢的支部所处阶段；'
      + '排名按各机关考核支部的平均综合得分从高到低，得分相同名次相同。点击机关名称查看该机关的六同看板。'),
    body);
  const load = year => {
    const query = year ? '?year=' + encodeURIComponent(year) : '';
    fetch(`${api.cockpitApi}/plugin/${PLUGIN_ID}/${api.engine}/city${query}`, {
      credentials: 'same-origin', headers: { 'Accept': 'application/json', 'X-XSRF-TOKEN': api.CSRFToken }
    }).then(async response => {
      if (response.status === 403 && !year) {
        root.dataset.refused = 'true';
        root.remove();
        return;
      }
      root.hidden = false;
      if (!response.ok) {
        const reason = await response.json().then(b => b.message).catch(() => null);
        body.replaceChildren(yearPicker(year, load), el('p', { id: 'lt-city-error', className: 'lt-error' },
          reason || ('各机关汇总加载失败（HTTP ' + response.status + '）')));
        return;
      }
      const overview = await response.json();
      body.replaceChildren(yearPicker(overview.year, load), cityExport(api, overview.year),
        cityTable(overview), cityQuarters(overview));
    }).catch(error => {
      root.hidden = false;
      body.replaceChildren(el('p', { className: 'lt-error' }, errorText(error, '各机关汇总')));
    });
  };
  load(null);
  return root;
}

function yearPicker(year, load) {
  const input = el('input', { id: 'lt-city-year', type: 'number', min: 2000, max: 2100, step: 1, value: year || '',
    className: 'form-control input-sm lt-year' });
  return el('form', { className: 'lt-select', onsubmit: event => { event.preventDefault(); load(input.value); } },
    el('label', {}, '年度 ', input), ' ', el('button', { type: 'submit', className: 'btn btn-default btn-sm' }, '查看'));
}

function cityExport(api, year) {
  const href = `${api.cockpitApi}/plugin/${PLUGIN_ID}/${api.engine}/city/results.xlsx?year=${encodeURIComponent(year)}`;
  return el('span', { className: 'lt-export' }, link(href, '导出考核结果', { id: 'lt-city-export',
    className: 'btn btn-default btn-sm', download: '', title: '各机关本年度考核结果（综合考核用），Excel 表格' }));
}

function cityTable(overview) {
  const rows = overview.agencies.map(a => el('tr', { data: { agency: a.agencyId } },
    el('td', { className: 'lt-rank' }, dash(a.rank)),
    el('td', { className: 'lt-agency' }, link(a.href, a.agencyName)),
    el('td', {}, dash(a.cycleName), el('br'), el('small', {}, a.statusLabel)),
    el('td', { className: 'lt-stage' }, dash(a.stageLabel),
      a.stages.length ? el('br') : null, el('small', {}, a.stages.map(s => s.label + ' ' + s.branches).join('、'))),
    el('td', { className: 'lt-items' }, a.items + ' / ' + a.itemsSigned + ' / ' + a.itemsDone),
    el('td', { className: 'lt-inspections' }, a.inspectionsByQuarter.join(' · ')),
    el('td', { className: 'lt-rectifications' }, a.rectifications + ' / ' + a.rectificationsOpen + ' / ' + a.rectificationsOverdue),
    el('td', { className: 'lt-score' }, dash(a.averageScore)),
    el('td', { className: 'lt-grades' }, a.assessed ? a.grades.filter(g => g.branches).map(g => g.grade + ' ' + g.branches).join('、')
      + '（党组已审定 ' + a.approved + '/' + a.assessed + '）' : '—')));
  return table('lt-city-table', ['排名', '机关', '融合工作周期', '当前阶段', '责任事项 总数/已签收/已完成',
    '督查次数（一·二·三·四季度）', '整改 总数/在办/逾期', '平均综合得分', '等次分布'], rows, '暂无机关。');
}

function cityQuarters(overview) {
  const rows = overview.quarters.map(q => el('tr', { data: { agency: q.agencyId, quarter: q.quarter } },
    el('td', {}, q.label), el('td', {}, q.agencyName), el('td', {}, q.inspections), el('td', {}, q.problemsFound),
    el('td', {}, q.rectificationsOpened), el('td', {}, q.rectificationsClosed), el('td', {}, q.rectificationsOverdue)));
  return el('details', { className: 'lt-quarters' }, el('summary', {}, '季度督查汇总（各机关每季度督查、发现问题、整改立项、销号和逾期）'),
    table('lt-city-quarters', ['季度', '机关', '督查次数', '发现问题', '整改立项', '整改销号', '整改逾期'], rows, '暂无记录。'));
}

function mountPage(node, api) {
  const root = el('div', { id: PLUGIN_ID, className: 'lt-dashboard' });
  node.append(root);
  let params = paramsFromLocation();
  const show = (...children) => root.replaceChildren(...children.flat());
  if (params.branch) {
    const loadBranch = () => {
      root.setAttribute('aria-busy', 'true');
      fetchBoard(api, { cycle: params.cycle, branch: params.branch }, 'branch')
        .then(detail => {
          show(branchPage(detail, loadBranch, api));
          if (detail.ledgerExport) { // the branch's files follow the ledger's visibility, as its 台账
            root.append(attachmentsSection(api, params));
          }
        })
        .catch(error => show(el('h1', {}, '六同看板'),
          el('p', { id: 'lt-error', className: 'lt-error' }, errorText(error, '支部')),
          params.cycle ? el('a', { href: '#' + ROUTE + '?cycle=' + encodeURIComponent(params.cycle) }, '← 返回本周期看板') : null))
        .finally(() => root.removeAttribute('aria-busy'));
    };
    show(el('h1', {}, '六同看板'), el('p', { className: 'lt-empty' }, '正在加载…'));
    loadBranch();
    return;
  }
  const city = citySection(api);
  const load = () => {
    root.setAttribute('aria-busy', 'true');
    fetchBoard(api, params)
      .then(board => {
        show(page(board, next => { params = next; load(); }, load, api));
        if (!city.dataset.refused) {
          root.insertBefore(city, root.children[1] || null);
        }
      })
      .catch(error => show(el('h1', {}, '六同看板'), el('p', { id: 'lt-error', className: 'lt-error' }, errorText(error))))
      .finally(() => root.removeAttribute('aria-busy'));
  };
  show(el('h1', {}, '六同看板'), el('p', { className: 'lt-empty' }, '正在加载…'));
  load();
}

// ------------------------------------------------------------------ start page summary

function mountSummary(node, api) {
  const root = el('div', { id: PLUGIN_ID + '-summary', className: 'lt-dashboard lt-summary-card' });
  node.append(root);
  fetchBoard(api, {})
    .then(board => {
      const cycle = board.cycle;
      root.replaceChildren(
        el('h3', {}, '六同看板', cycle ? ' · ' + cycle.agencyName + ' · ' + cycle.name + '（' + cycle.statusLabel + '）' : ''),
        cycle ? stageStrip(board) : el('p', { className: 'lt-empty' }, '暂无融合工作周期。'),
        cycle ? el('p', { className: 'lt-summary' }, '逾期事项 ', figure(board.overdue.total, 'lt-bad'), ' 项 · 整改在办 ',
          figure(board.rectifications.open), ' 项 · 整改逾期 ', figure(board.rectifications.overdue, 'lt-bad'), ' 项') : null,
        el('a', { href: '#' + ROUTE, className: 'lt-open' }, '打开六同看板 →'));
    })
    .catch(error => root.replaceChildren(el('p', { className: 'lt-error' }, errorText(error))));
}

export default [
  {
    id: PLUGIN_ID + '.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 100,
    properties: { path: ROUTE },
    render: node => {
      node.append(el('a', { id: 'lt-nav', href: '#' + ROUTE }, '六同看板'));
    }
  },
  {
    id: PLUGIN_ID + '.route',
    pluginPoint: 'cockpit.route',
    priority: 0,
    properties: { path: ROUTE, label: '六同看板' },
    render: (node, { api }) => mountPage(node, api)
  },
  {
    id: PLUGIN_ID + '.summary',
    pluginPoint: 'cockpit.dashboard',
    priority: 100,
    render: (node, { api }) => mountSummary(node, api)
  }
];
