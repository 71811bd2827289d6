// Tasklist 7.24 keeps 完成 disabled while the form-js "changed" event reports any key in `errors`
// (`!!Object.keys(e.errors).length` in the bundle). form-js 1.x, after an edit inside a `dynamiclist`,
// stores the field's cleared error as `{"Field_goals_weight": []}` (or `[undefined]`): a key with no
// error in it. Every form with a repeating list could therefore never be completed in a real browser.
//
// The fix is made once, for every form: form-js's Form class is reached through the webpack runtime of
// the webapps (a chunk pushed with a runtime callback receives `__webpack_require__`), and its
// `_setState` drops error entries that hold no message before the state is stored and announced.
// Entries of list fields keep their indexes (a list field's errors are an array indexed by row).
// Checked against camunda-webapp-webjar 7.24.0 (form-js module id 57661); a test completes forms with
// lists in Chromium, so an upgrade that breaks this fails the build.

const FORM_JS_MODULE = 57661;

function isEmptyError(value) {
  if (value === undefined || value === null) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.every(isEmptyError);
  }
  if (typeof value === 'object') {
    return Object.values(value).every(isEmptyError);
  }
  return false;
}

export function withoutEmptyErrors(errors) {
  if (!errors || typeof errors !== 'object') {
    return errors;
  }
  return Object.fromEntries(Object.entries(errors).filter(([, value]) => !isEmptyError(value)));
}

function formClass(require) {
  try {
    const exports = require(FORM_JS_MODULE);
    if (exports && exports.Form && exports.Form.prototype._setState) {
      return exports.Form;
    }
  } catch (e) {
    // fall through to the search below
  }
  for (const id of Object.keys(require.m)) {
    const source = String(require.m[id]);
    if (source.includes('"FormPlayground"') && source.includes('Form')) {
      const exports = require(id);
      if (exports && exports.Form && exports.Form.prototype._setState) {
        return exports.Form;
      }
    }
  }
  return null;
}

function patch(Form) {
  if (!Form || Form.prototype.__liutongErrorsPatched) {
    return;
  }
  const setState = Form.prototype._setState;
  Form.prototype._setState = function (state) {
    if (state && state.errors) {
      return setState.call(this, Object.assign({}, state, { errors: withoutEmptyErrors(state.errors) }));
    }
    return setState.call(this, state);
  };
  Form.prototype.__liutongErrorsPatched = true;
}

const chunks = (self.webpackChunkcamunda_bpm_webapp = self.webpackChunkcamunda_bpm_webapp || []);
chunks.push([['liutong-form-errors'], {}, (require) => {
  const Form = formClass(require);
  if (Form) {
    patch(Form);
  } else {
    console.error('liutong: form-js Form not found; forms with lists may not complete');
  }
}]);

export default [];
