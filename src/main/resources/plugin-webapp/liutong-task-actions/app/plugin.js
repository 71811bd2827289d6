/*
 * 办理操作: a tab of Tasklist's task view (plugin point tasklist.task.detail) offering exactly the actions the
 * signed-in person may take on the open task — 转办, 委派, 完成委派, 免办 (with a reason), 推进 (an overdue branch), 催办, 抄送, 退回, 加签 and
 * its withdrawal, and on a co-sign task 同意 / 不同意 with an opinion — as the
 * server decides them (cn.liutong.taskaction.TaskActions); the server checks every request again. Each action
 * is recorded in the ledger and as a comment, so it shows in the task's 历史 tab.
 *
 * Camunda 7.24 front-end plugin format, plain DOM, no build step. Text from the server goes in through
 * textContent only.
 */

const PLUGIN_ID = 'liutong-task-actions';

// the page helpers of the 附件 tab (el, csrf), loaded from Tasklist's plugin resource when the tab opens, as the
// 六同看板 loads its file table: Tasklist evaluates plugin scripts where a static relative import does not resolve
let el;
let csrf;

function base(api) {
  return `${api.tasklistApi}/plugin/${PLUGIN_ID}/${api.engine}`;
}

async function call(api, method, path, body) {
  let response;
  try {
    response = await fetch(base(api) + path, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrf(api) }
    });
  } catch (e) {
    throw new Error('连接服务器失败，请检查网络后重试');
  }
  let answer = null;
  try {
    answer = await response.json();
  } catch (e) {
    // no JSON answer: the status says it
  }
  if (!response.ok) {
    throw new Error((answer && answer.message) || '操作失败（HTTP ' + response.status + '）');
  }
  return answer;
}

/** What each action asks for, and the words of its button. */
const HINTS = {
  reassign: '把任务转交给他人办理，原办理人不再办理。',
  delegate: '请他人代为办理，办完后交回原办理人。',
  resolve: '委派的事项已办完，把任务交回委派前的办理人。',
  waive: '此项任务免于办理，流程继续；须填写理由，理由记入台账。',
  proceed: '此项任务已逾期：本阶段不再等待该支部，结束该支部在本阶段所有未办结的事项，其余支部完成后即进入下一阶段；该支部记为逾期未完成，在六同看板中显示。须填写理由。',
  urge: '提醒办理人尽快办理（每项任务每天一次）。',
  copy: '把任务告知他人，供其知悉，无需其办理。',
  return: '把任务退回上一步重新办理，原步骤的办理人会收到待办；须填写理由。',
  cosign: '请同事对此任务加签（会签）：每位加签人都会收到一项加签任务；全部反馈后才能办理本任务。',
  withdraw: '撤回尚未反馈的加签请求，撤回后即可办理本任务。',
  agree: '同意此项任务的内容，可填写意见。',
  disagree: '不同意此项任务的内容，须填写意见。'
};

/** What each action's text field is for. */
const PLACEHOLDERS = {
  agree: '意见（选填）',
  disagree: '意见（必填，5至200字）'
};

function mountTab(node, api, taskId) {
  import(`${api.tasklistApi}/plugin/liutong-attachments/static/app/plugin.js`)
    .then(helpers => {
      ({ el, csrf } = helpers);
      mount(node, api, taskId);
    })
    .catch(() => { node.textContent = '办理操作加载失败，请刷新页面后重试'; });
}

function mount(node, api, taskId) {
  const root = el('div', { id: PLUGIN_ID, className: 'lt-task-actions' });
  node.append(root);
  const message = el('div', { id: 'liutong-task-action-message', role: 'status' });
  const say = (text, bad) => {
    message.className = text ? 'alert ' + (bad ? 'alert-danger' : 'alert-success') : '';
    message.textContent = text || '';
  };

  const load = () => call(api, 'GET', '/task/' + encodeURIComponent(taskId))
    .then(view => root.replaceChildren(...render(view)))
    .catch(error => { root.replaceChildren(message); say(error.message, true); });

  function render(view) {
    const parts = [message];
    parts.push(el('p', { className: 'lt-task-actions-holder' },
      '当前办理人：' + (view.assigneeName || '尚未认领') + (view.delegated ? '（委派中）' : '')));
    if (view.cosignOf) {
      const of = view.cosignOf;
      parts.push(el('div', { id: 'liutong-task-cosign-of', className: 'well well-sm' },
        el('p', {}, '加签请求人：' + (of.requesterName || of.requester || '')),
        el('p', {}, '原任务：' + (of.taskName || '（已办结）') + '（任务编号 ' + of.taskId + '）'),
        el('p', {}, of.note || '')));
    }
    if (view.cosigns && view.cosigns.length) {
      parts.push(el('table', { id: 'liutong-task-cosigns', className: 'table table-condensed' },
        el('caption', {}, '加签意见'),
        el('thead', {}, el('tr', {}, ['加签人', '状态', '意见', '反馈时间'].map(h => el('th', {}, h)))),
        el('tbody', {}, view.cosigns.map(c => el('tr', { data: { user: c.userId } },
          el('td', {}, c.name), el('td', { className: 'lt-cosign-state' }, c.state),
          el('td', { className: 'lt-cosign-opinion' }, c.opinion || ''), el('td', {}, c.answeredAt || ''))))));
    }
    if (!view.actions.length) {
      parts.push(el('p', { id: 'liutong-task-actions-none', className: 'lt-task-actions-hint' }, '您对此任务没有可执行的办理操作。'));
      return parts;
    }
    view.actions.forEach(offer => parts.push(form(offer)));
    return parts;
  }

  function form(offer) {
    const fields = [];
    let person = null;
    let people = [];
    if (offer.target === 'one') {
      person = el('select', { className: 'form-control input-sm', name: 'userId', id: 'liutong-task-action-' + offer.action + '-user' },
        el('option', { value: '' }, '请选择接收人'),
        offer.people.map(p => el('option', { value: p.id }, p.name)));
      fields.push(person);
    } else if (offer.target === 'many') {
      people = offer.people.map(p => el('label', { className: 'checkbox-inline' },
        el('input', { type: 'checkbox', value: p.id, name: 'userIds' }), ' ' + p.name));
      fields.push(el('div', { className: 'lt-task-actions-people', id: 'liutong-task-action-' + offer.action + '-users' }, people));
    }
    const reason = el('input', { type: 'text', className: 'form-control input-sm', maxLength: 200, name: 'reason',
      id: 'liutong-task-action-' + offer.action + '-reason',
      placeholder: PLACEHOLDERS[offer.action] || (offer.reasonRequired ? '理由（必填，5至200字）' : '说明（选填）') });
    if (offer.action !== 'urge') {
      fields.push(reason);
    }
    const button = el('button', { type: 'button', className: 'btn btn-default btn-sm', id: 'liutong-task-action-' + offer.action },
      offer.label);
    button.onclick = () => {
      const body = {};
      if (person) {
        body.userId = person.value;
      }
      if (offer.target === 'many') {
        body.userIds = people.map(label => label.querySelector('input')).filter(box => box.checked).map(box => box.value);
      }
      if (offer.action !== 'urge' && reason.value.trim()) {
        body.reason = reason.value;
      }
      if (offer.reasonRequired && !reason.value.trim()) {
        say(offer.label + '须填写理由', true); // the server refuses it too
        return;
      }
      if (offer.action === 'waive' && !window.confirm('确定免办此项任务吗？免办后任务即办结，流程继续。')) {
        return;
      }
      if (offer.action === 'proceed' && !window.confirm('确定不再等待该支部吗？该支部在本阶段未办结的事项将全部结束，并记为逾期未完成。')) {
        return;
      }
      button.disabled = true;
      say('正在' + offer.label + '…');
      const answered = offer.action === 'agree' || offer.action === 'disagree';
      call(api, 'POST', '/task/' + encodeURIComponent(taskId) + '/' + offer.action, body)
        // an answered co-sign task is done: there is nothing left to load
        .then(done => answered ? (root.replaceChildren(message), say(done.message)) : load().then(() => say(done.message)))
        .catch(error => say(error.message, true))
        .finally(() => { button.disabled = false; });
    };
    return el('fieldset', { className: 'lt-task-action', data: { action: offer.action } },
      el('legend', {}, offer.label),
      el('p', { className: 'lt-task-actions-hint' }, HINTS[offer.action] || ''),
      fields, button);
  }

  root.replaceChildren(el('p', {}, '正在加载…'));
  load();
}

export default [
  {
    id: PLUGIN_ID + '.task',
    pluginPoint: 'tasklist.task.detail',
    priority: 800,
    properties: { label: '办理操作' },
    render: (node, { api, taskId }) => mountTab(node, api, taskId)
  }
];
