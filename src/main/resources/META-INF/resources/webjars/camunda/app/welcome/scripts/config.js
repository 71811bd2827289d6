/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { dateFormat, plainChinese } from '../../liutong/common-config.js';

export default {
  // Header and page title "<vendor> <name>". Not a unit's name: everyone uses the same product; the
  // Tasklist header names the person's own agency, unit and role (../liutong/plain-chinese.js).
  app: {
    name: '首页',
    vendor: '六同融合工作平台'
  },

  // Simplified Chinese first: Camunda 7.24 takes only the language part of the browser's
  // first preferred language (navigator.languages[0], e.g. "zh-CN" -> "zh") and looks it up
  // here, so 'zh' covers zh-CN, zh-Hans, zh-TW, ...; anything else falls back to 'en'.
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
  },

  // Dates as 2026-03-31 in the configured zone (../liutong/common-config.js).
  dateFormat,

  // Dates, names instead of ids, shared by the four webapps (../liutong/plain-chinese.js).
  customScripts: [plainChinese],

  // In place of Camunda's documentation: the platform's own user guide (docs/用户指南.md, served at /guide/).
  links: [
    {
      label: '用户指南',
      href: '/guide/',
      description: '党员、支部书记、机关党委、党组和管理员如何在本平台办理工作'
    },
    // Each person's notification channels (/ui/notifications.html, see README "Notifications").
    {
      label: '消息提醒设置',
      href: '/ui/notifications.html',
      description: '选择通过电子邮件、工作群机器人接收待办提醒，或改为每日汇总一封邮件'
    }
  ],

  // app: {
  //   name: 'Todos',
  //   vendor: 'Company'
  // },
  // customScripts: [
  //   // If you have a folder called 'my-custom-script' (in the 'welcome' folder)
  //   // with a file called 'customScript.js' in it
  //   // 'my-custom-script/customScript'
  // ],
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `scripts` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // configure the date format
  // "dateFormat": {
  //   "normal": "LLL",
  //   "long":   "LLLL"
  // },
  //
  // "locales": {
  //    "availableLocales": ["en", "de"],
  //    "fallbackLocale": "en"
  //  },
  // links: [
  //   {
  //     label: 'Angular.js Docs',
  //     href: 'https://code.angularjs.org/1.2.16/docs',
  //     description: 'Almost interesting'
  //   },
  //   {
  //     label: 'XKCD',
  //     href: 'http://xkcd.org',
  //     description: 'Nerdy comic'
  //   },
  //   {
  //     label: 'Slashdot',
  //     href: 'https://slashdot.org',
  //     description: 'News for nerds, stuff that matter'
  //   }
  // ],
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false
};
