// Camunda Forms (form-js, as bundled by Tasklist 7.24) print their validation messages and a few
// controls in English and offer no translation hook. For a Chinese Tasklist (the same choice Camunda
// makes: the browser's first language) this module translates them in place as they appear.

const MESSAGES = [
  [/^Field is required\.$/, () => '此项为必填项。'],
  [/^Field must have minimum length of (\d+)\.$/, (m) => `长度不能少于 ${m[1]} 个字。`],
  [/^Field must have maximum length of (\d+)\.$/, (m) => `长度不能超过 ${m[1]} 个字。`],
  [/^Field must have minimum value of (.+)\.$/, (m) => `不能小于 ${m[1]}。`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `不能大于 ${m[1]}。`],
  [/^Field must be a valid email\.$/, () => '请输入有效的电子邮箱地址。'],
  [/^Field must be a valid\s+international phone number\..*$/, () => '请输入有效的电话号码（含国家区号）。'],
  [/^Field must match pattern .*$/, () => '格式不正确。'],
  [/^Value is not a number\.$/, () => '请输入数字。'],
  [/^Add new$/, () => '新增一项'],
];
const PLACEHOLDERS = { Select: '请选择', Search: '搜索' };

const chinese = (navigator.languages && navigator.languages[0] ? navigator.languages[0] : navigator.language || '')
  .toLowerCase().startsWith('zh');

function translateText(node) {
  const text = node.nodeValue && node.nodeValue.trim();
  if (!text) {
    return;
  }
  for (const [pattern, chineseText] of MESSAGES) {
    const match = text.match(pattern);
    if (match) {
      node.nodeValue = chineseText(match);
      return;
    }
  }
}

function translate(root) {
  if (root.nodeType === Node.TEXT_NODE) {
    translateText(root);
    return;
  }
  if (root.nodeType !== Node.ELEMENT_NODE || !root.closest('.fjs-container, .fjs-form')) {
    if (root.nodeType === Node.ELEMENT_NODE && root.querySelector('.fjs-form')) {
      root.querySelectorAll('.fjs-form').forEach(translate);
    }
    return;
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    translateText(node);
  }
  root.querySelectorAll('[placeholder]').forEach((input) => {
    const placeholder = PLACEHOLDERS[input.getAttribute('placeholder')];
    if (placeholder) {
      input.setAttribute('placeholder', placeholder);
    }
  });
}

if (chinese) {
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'characterData') {
        if (mutation.target.parentElement && mutation.target.parentElement.closest('.fjs-form')) {
          translateText(mutation.target);
        }
      } else {
        mutation.addedNodes.forEach(translate);
      }
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}

export default [];
