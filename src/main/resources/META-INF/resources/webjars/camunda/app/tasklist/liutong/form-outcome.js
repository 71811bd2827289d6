// What happened when a person pressed 完成, said where they look: Tasklist 7.24 reports a refused
// completion only as a passing notification ("提交任务表单时发生错误"), and after a success it opens
// nothing unless the next task is already assigned to the same person. This module watches the
// webapp's own submit-form calls and
// - on a refusal shows the server's Chinese reasons in a box right above the form, until the next
//   attempt succeeds;
// - on a success confirms it and, when the same process has a task this person may do now (assigned
//   or claimable by their groups), offers a link that opens it.

const SUBMIT = /\/(task|process-definition)\/([^/]+)\/submit-form$/;
const ERROR_BOX = 'liutong-complete-error';
const OUTCOME = 'liutong-complete-outcome';
const appRoot = document.querySelector('base').getAttribute('app-root');
const engineApi = `${appRoot}/api/engine/engine/default`;

/** Task ids the webapp has loaded, with what the confirmation needs to know about them. */
const known = new Map();

function remember(value) {
  const tasks = Array.isArray(value) ? value
    : value && value._embedded && Array.isArray(value._embedded.task) ? value._embedded.task
      : value && value.id && value.taskDefinitionKey ? [value] : [];
  tasks.forEach((task) => known.set(task.id, { name: task.name, processInstanceId: task.processInstanceId }));
}

/** The server's reasons, without the REST layer's English preamble ("Cannot submit task form <id>: "). */
function reasons(body) {
  try {
    const json = JSON.parse(body);
    return String(json.message || json.detail || json.title || '').replace(/^Cannot submit [a-z ]*form [^:]*:\s*/i, '');
  } catch (e) {
    return '';
  }
}

function removeById(id) {
  const element = document.getElementById(id);
  if (element) {
    element.remove();
  }
}

function showError(message) {
  removeById(ERROR_BOX);
  const form = document.querySelector('.fjs-form');
  const box = document.createElement('div');
  box.id = ERROR_BOX;
  box.className = 'alert alert-danger';
  box.setAttribute('role', 'alert');
  const title = document.createElement('strong');
  title.textContent = '未能完成，请按以下意见修改后再提交：';
  const text = document.createElement('div');
  text.style.whiteSpace = 'pre-wrap';
  text.textContent = message || '服务器拒绝了这次提交，请稍后再试或联系管理员。';
  box.append(title, text);
  if (form && form.parentNode) {
    form.parentNode.insertBefore(box, form);
    box.scrollIntoView({ block: 'center' });
  } else {
    document.body.prepend(box);
  }
}

function showDone(task, next) {
  removeById(OUTCOME);
  const box = document.createElement('div');
  box.id = OUTCOME;
  box.className = 'alert alert-success';
  box.setAttribute('role', 'status');
  box.style.cssText = 'position:fixed;top:60px;left:50%;transform:translateX(-50%);z-index:2000;'
    + 'min-width:360px;max-width:720px;box-shadow:0 2px 8px rgba(0,0,0,.2)';
  const text = document.createElement('span');
  text.textContent = `已完成：${task && task.name ? task.name : '任务'}。`;
  box.append(text);
  if (next) {
    const link = document.createElement('a');
    link.href = `#/?task=${encodeURIComponent(next.id)}`;
    link.className = 'liutong-next-task';
    link.style.marginLeft = '1em';
    link.textContent = `办理下一项：${next.name}`;
    link.addEventListener('click', () => box.remove());
    box.append(link);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.setAttribute('aria-label', '关闭');
  close.textContent = '×';
  close.addEventListener('click', () => box.remove());
  box.prepend(close);
  document.body.append(box);
  setTimeout(() => box.remove(), 20000);
}

async function nextTaskOf(processInstanceId) {
  if (!processInstanceId) {
    return null;
  }
  const get = (path) => fetch(`${engineApi}${path}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : null));
  const user = await fetch(`${appRoot}/api/admin/auth/user/default`, { credentials: 'same-origin' })
    .then((response) => (response.ok ? response.json() : null));
  if (!user || !user.userId) {
    return null;
  }
  const id = encodeURIComponent(user.userId);
  const pi = encodeURIComponent(processInstanceId);
  const assigned = await get(`/task?processInstanceId=${pi}&assignee=${id}&maxResults=1`);
  if (assigned && assigned.length) {
    return assigned[0];
  }
  const claimable = await get(`/task?processInstanceId=${pi}&candidateUser=${id}&maxResults=1`);
  return claimable && claimable.length ? claimable[0] : null;
}

function submitted(method, url, status, body) {
  const match = method === 'POST' && url.split('?')[0].match(SUBMIT);
  if (!match) {
    return;
  }
  if (status >= 400) {
    showError(reasons(body));
    return;
  }
  removeById(ERROR_BOX);
  if (match[1] === 'task') {
    const task = known.get(decodeURIComponent(match[2]));
    nextTaskOf(task && task.processInstanceId).catch(() => null).then((next) => showDone(task, next));
  }
}

const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  this.addEventListener('loadend', () => {
    if (this.status === 200 && (this.responseType === '' || this.responseType === 'text')
        && /\/(task|filter)\b/.test(String(url))) {
      try {
        remember(JSON.parse(this.responseText));
      } catch (e) {
        // not JSON: nothing to remember
      }
    }
    submitted(String(method).toUpperCase(), String(url), this.status,
      this.responseType === '' || this.responseType === 'text' ? this.responseText : '');
  });
  return open.call(this, method, url, ...rest);
};

export default [];
