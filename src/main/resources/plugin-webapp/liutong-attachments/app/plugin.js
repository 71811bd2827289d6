/*
 * 附件 (留痕): a tab of Tasklist's task view (plugin point tasklist.task.detail). It lists the files of the
 * task's work (this branch in this process instance, earlier steps included), lets the person doing an
 * evidence task attach files and remove their own, and links every file for download. What may be done
 * is the server's decision (cn.liutong.attachment.Attachments); this page only shows it.
 *
 * Camunda 7.24 front-end plugin format, plain DOM, no build step. Text from the server goes in through
 * textContent only; links only to this server's attachment resource.
 */

const PLUGIN_ID = 'liutong-attachments';

/** A DOM element with properties ({data} as data- attributes) and children (text goes in as text). */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.entries(props || {}).forEach(([key, value]) => {
    if (value === undefined || value === null) {
      return;
    }
    if (key === 'data') {
      Object.entries(value).forEach(([name, v]) => { node.dataset[name] = v; });
    } else {
      node[key] = value;
    }
  });
  children.flat().forEach(child => {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  });
  return node;
}

function base(api) {
  const tasklistApi = api.tasklistApi || String(api.cockpitApi || '/camunda/api/cockpit').replace(/cockpit$/, 'tasklist');
  return `${tasklistApi}/plugin/${PLUGIN_ID}/${api.engine}`;
}

/** The session's CSRF token, as Camunda's CsrfPreventionFilter wants it back. */
export function csrf(api) {
  const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : api.CSRFToken;
}

async function call(api, method, path, body, headers) {
  let response;
  try {
    response = await fetch(base(api) + path, {
      method,
      body,
      credentials: 'same-origin',
      headers: Object.assign({ 'Accept': 'application/json', 'X-XSRF-TOKEN': csrf(api) }, headers || {})
    });
  } catch (e) {
    throw new Error('连接服务器失败，请检查网络后重试');
  }
  if (!response.ok) {
    let message = null;
    try {
      message = (await response.json()).message;
    } catch (e) {
      // no JSON answer: the status says it
    }
    const error = new Error(message || (response.status === 413 ? '文件过大' : '操作失败（HTTP ' + response.status + '）'));
    error.status = response.status;
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

function size(bytes) {
  const mb = bytes / 1024 / 1024;
  return mb >= 1 ? (Number.isInteger(mb) ? mb : mb.toFixed(1)) + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' KB';
}

function when(timestamp) {
  return timestamp ? String(timestamp).replace('T', ' ').slice(0, 16) : '';
}

/** The download link of a file (images also open as images, nothing else inline). */
function fileLink(api, file) {
  return el('a', {
    className: 'lt-attachment-link', href: `${base(api)}/attachment/${encodeURIComponent(file.id)}/data`,
    download: file.fileName, rel: 'noopener', data: { attachment: file.id }
  }, file.fileName);
}

/** The files as a table: name (download), size, step, by whom, when, and the remove button where allowed. */
export function attachmentTable(api, files, onDelete, emptyText) {
  if (!files.length) {
    return el('p', { className: 'lt-attachments-empty' }, emptyText);
  }
  return el('table', { className: 'table table-condensed lt-attachments-table' },
    el('thead', {}, el('tr', {}, ['文件', '大小', '环节', '上传人', '上传时间', ''].map(h => el('th', {}, h)))),
    el('tbody', {}, files.map(file => el('tr', { data: { attachment: file.id } },
      el('td', {}, fileLink(api, file)),
      el('td', {}, size(file.sizeBytes)),
      el('td', {}, file.taskName),
      el('td', {}, file.uploadedByName || file.uploadedBy),
      el('td', {}, when(file.uploadedAt)),
      el('td', {}, file.mayDelete && onDelete
        ? el('button', { type: 'button', className: 'btn btn-link btn-xs lt-attachment-delete', onclick: () => onDelete(file) }, '删除')
        : '')))));
}

function mountTab(node, api, taskId) {
  const root = el('div', { id: PLUGIN_ID, className: 'lt-attachments' });
  node.append(root);
  const message = el('div', { id: 'liutong-attachment-message', role: 'status' });
  const say = (text, bad) => {
    message.className = text ? 'alert ' + (bad ? 'alert-danger' : 'alert-success') : '';
    message.textContent = text || '';
  };

  const load = () => call(api, 'GET', '/task/' + encodeURIComponent(taskId))
    .then(view => root.replaceChildren(...render(view)))
    .catch(error => { root.replaceChildren(message); say(error.message, true); });

  const remove = file => {
    if (!window.confirm('确定删除附件“' + file.fileName + '”吗？')) {
      return;
    }
    call(api, 'DELETE', '/attachment/' + encodeURIComponent(file.id))
      .then(() => load().then(() => say('已删除：' + file.fileName)))
      .catch(error => say(error.message, true));
  };

  const upload = (input, button, maxBytes) => {
    const file = input.files && input.files[0];
    if (!file) {
      say('请先选择文件', true);
      return;
    }
    if (file.size > maxBytes) {
      // the server refuses it too (413), but a large body may be cut off before its answer arrives
      say('文件超过大小上限' + size(maxBytes) + '，请压缩或拆分后再上传', true);
      return;
    }
    button.disabled = true;
    say('正在上传…');
    call(api, 'POST', '/task/' + encodeURIComponent(taskId), file,
      { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) })
      .then(added => load().then(() => say('已上传：' + added.fileName)))
      .catch(error => say(error.message, true))
      .finally(() => { button.disabled = false; });
  };

  function render(view) {
    const parts = [];
    if (view.purpose) {
      parts.push(el('p', { className: 'lt-attachments-purpose' }, '请上传' + view.purpose + '。'));
    }
    parts.push(message);
    parts.push(attachmentTable(api, view.attachments, remove, '本项工作暂无附件。'));
    if (view.mayUpload) {
      const input = el('input', { type: 'file', id: 'liutong-attachment-file',
        accept: '.pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.ppt,.pptx' });
      const button = el('button', { type: 'button', id: 'liutong-attachment-upload', className: 'btn btn-default btn-sm' }, '上传');
      button.onclick = () => upload(input, button, view.maxBytes);
      parts.push(el('div', { className: 'lt-attachments-upload' }, input, button,
        el('p', { className: 'lt-attachments-hint' }, '可上传' + view.allowedTypes + '，单个文件不超过' + size(view.maxBytes) + '。')));
    } else {
      parts.push(el('p', { id: 'liutong-attachment-refusal', className: 'lt-attachments-hint' }, view.uploadRefusal));
    }
    return parts;
  }

  root.replaceChildren(el('p', {}, '正在加载附件…'));
  load();
}

export default [
  {
    id: PLUGIN_ID + '.task',
    pluginPoint: 'tasklist.task.detail',
    priority: 900,
    properties: { label: '附件' },
    render: (node, { api, taskId }) => mountTab(node, api, taskId)
  }
];
