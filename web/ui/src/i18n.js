// Translations and locale-aware formatting. The language comes from the
// saved choice, else the browser's languages; every number, date and
// duration goes through Intl with that locale and the browser's time zone.

const en = {
  'app.skip': 'Skip to content',
  'nav.main': 'Main',
  'nav.today': 'Today', 'nav.trends': 'Trends', 'nav.flow': 'Flow', 'nav.sessions': 'Sessions',
  'nav.checkins': 'Check-ins', 'nav.settings': 'Settings', 'nav.data': 'Data',
  'nav.soon': 'Coming later', 'nav.plan': 'Plan', 'nav.gaze': 'Gaze', 'nav.experiments': 'Experiments', 'nav.team': 'Team',
  'lang.label': 'Language',
  'state.loading': 'Loading…',
  'state.error': 'Something went wrong',
  'state.retry': 'Try again',
  'state.slow': 'This is taking longer than usual…',
  'state.timeout': 'The server did not answer in time.',
  'state.noday': 'No activity recorded on this day.',
  'state.noday.hint': 'Pick another day, or check that the watchers are running.',
  'state.unavailable': 'Not available yet',
  'state.unavailable.v1': 'This view needs the attention-flow API (/api/v1), which this server does not offer yet. It lights up once it does.',
  'state.auth': 'This server requires an API key.',
  'state.auth.hint': 'Enter a key from the server configuration (api_keys). It is kept in this browser only.',
  'state.auth.save': 'Use key',
  'first.title': 'Welcome to attnflow',
  'first.lead': 'Nothing has been recorded yet. attnflow shows where your attention goes once a watcher sends it events.',
  'first.step1': 'Start attnflow with its built-in watchers (focused window, AFK, input timing):',
  'first.step2': 'Or keep using ActivityWatch watchers and browser extensions — they talk to attnflow on the same port (5600).',
  'first.step3': 'Or import an ActivityWatch export on the Data page.',
  'first.privacy': 'Everything stays on this machine. Keystroke content is never recorded.',
  'day.prev': 'Previous day', 'day.next': 'Next day', 'day.today': 'Today', 'day.pick': 'Day',
  'day.timeline': 'Timeline',
  'lane.app': 'App / window', 'lane.category': 'Category', 'lane.afk': 'AFK', 'lane.input': 'Input intensity',
  'lane.state': 'Attention state', 'lane.sessions': 'Focus sessions & breaks',
  'afk.afk': 'Away', 'afk.active': 'Active',
  'input.per.min': '{n} inputs/min',
  'kpi.focus': 'Focus time', 'kpi.deep': 'Deep-work ratio', 'kpi.switches': 'Switches per hour',
  'kpi.span': 'Attention span', 'kpi.recovery': 'Recovery time', 'kpi.active': 'Active time',
  'kpi.baseline': 'Your median of the last {n} days: {v}',
  'kpi.nobaseline': 'No baseline yet',
  'kpi.up': 'above your baseline', 'kpi.down': 'below your baseline', 'kpi.same': 'about your usual',
  'kpi.help.focus': 'Active time in categories with a positive score.',
  'kpi.help.deep': 'Share of active time inside focus sessions (≥ 25 min, ≥ 80% focus).',
  'kpi.help.switches': 'App changes per active hour, after closing short gaps.',
  'kpi.help.span': 'Median time on one app before switching.',
  'kpi.help.recovery': 'Median time from leaving focus for a distraction until back.',
  'top.apps': 'Top apps', 'top.categories': 'Categories',
  'session': 'Focus session', 'break': 'Break',
  'uncategorized': 'Uncategorized', 'other': 'Other',
  'trends.range': 'Range', 'trends.weeks': '{n} weeks',
  'trends.heatmap': 'Focus by hour and weekday',
  'trends.heatmap.desc': 'Average focus minutes per hour of the week.',
  'trends.capacity': 'Focus capacity by hour',
  'trends.capacity.desc': 'Share of active time in focus, by hour of day on your working days, with a 95% interval.',
  'trends.capacity.source.v1': 'From the attention-flow engine: all days pooled, with a 95% credible interval.',
  'trends.capacity.source.local': 'Estimated in the browser from your categories until the server offers the engine’s curve.',
  'trends.weekly': 'Weekly comparison', 'trends.weekly.desc': 'Focus and active hours per week.',
  'trends.categories': 'Categories over time', 'trends.categories.desc': 'Hours per category, by week.',
  'trends.focusHours': 'Focus hours', 'trends.activeHours': 'Active hours', 'trends.share': 'Focus share',
  'trends.week.of': 'Week of {d}',
  'trends.mean': 'Mean', 'trends.interval': '95% interval',
  'flow.title': 'Attention flow', 'flow.desc': 'Where attention goes from and to. Arrows run from the app you left to the one you opened; thicker means more often.',
  'flow.by': 'Show', 'flow.apps': 'Apps', 'flow.categories': 'Categories',
  'flow.range': 'Period', 'flow.days': 'Last {n} days',
  'flow.matrix': 'From → to', 'flow.matrix.desc': 'Switches from each row to each column.',
  'flow.top': 'Most frequent switches', 'flow.from': 'From', 'flow.to': 'To', 'flow.count': 'Switches', 'flow.time': 'Time after',
  'flow.cycles': 'Round trips', 'flow.cycles.desc': 'Pairs you switch back and forth between.',
  'flow.none': 'Not enough switching in this period to draw a flow.',
  'sessions.title': 'Focus sessions', 'sessions.desc': 'Sessions of at least 25 minutes with at least 80% of active time in focus categories.',
  'sessions.date': 'Date', 'sessions.start': 'Start', 'sessions.length': 'Length', 'sessions.share': 'Focus share',
  'sessions.interrupted': 'Interrupted by', 'sessions.none': 'No focus sessions in this period.',
  'sessions.total': '{n} sessions, {d} in total, median {m}', 'sessions.nointerrupt': 'nothing',
  'sessions.lengths': 'Session lengths',
  'checkins.title': 'Check-ins', 'checkins.desc': 'Short self-reports teach attnflow what focus means for you.',
  'checkins.due': 'A check-in is due', 'checkins.notdue': 'No check-in due right now — you can still answer one.',
  'checkins.q.focus': 'How focused were you in the last hour?', 'checkins.q.load': 'How demanding was your work?',
  'checkins.focus.1': 'Not at all', 'checkins.focus.5': 'Completely',
  'checkins.load.1': 'Very light', 'checkins.load.5': 'Very heavy',
  'checkins.submit': 'Save answer', 'checkins.saved': 'Saved. Thank you!',
  'checkins.recent': 'Your recent answers', 'checkins.when': 'When', 'checkins.focus': 'Focus (you)',
  'checkins.measured': 'Focus share (measured)', 'checkins.model': 'Model state',
  'checkins.none': 'No answers yet.',
  'checkins.compare': 'Your answers against the measured focus share of the hour before.',
  'settings.categories': 'Categories',
  'settings.categories.desc': 'Rules that sort windows into categories (the ActivityWatch “classes” setting). A positive score counts as focus, a negative one as distraction.',
  'settings.cat.name': 'Category', 'settings.cat.rule': 'Rule (regular expression)', 'settings.cat.case': 'Ignore case',
  'settings.cat.color': 'Colour', 'settings.cat.score': 'Score', 'settings.cat.add': 'Add category', 'settings.cat.remove': 'Remove',
  'settings.cat.edit': 'Edit', 'settings.save': 'Save', 'settings.saved': 'Saved.', 'settings.cancel': 'Cancel',
  'settings.cat.reset': 'Restore defaults',
  'settings.preview': 'Live preview', 'settings.preview.desc': 'What this rule matches in the last 7 days.',
  'settings.preview.match': '{n} windows match, {d} in total',
  'settings.preview.invalid': 'Not a valid regular expression: {e}',
  'settings.preview.empty': 'Type a rule to see what it matches.',
  'settings.preview.nomatch': 'Nothing in the last 7 days matches.',
  'settings.privacy': 'Privacy', 'settings.privacy.desc': 'attnflow\'s watchers apply these rules before anything is stored: excluded apps are never recorded, matching parts of titles are replaced by [redacted]. Past windows that match are hidden here. Keystroke content is never recorded.',
  'settings.privacy.exclude': 'Never record these apps (one regular expression per line)',
  'settings.privacy.rules': 'Redact in window titles (one regular expression per line)',
  'settings.privacy.private': 'Private mode: record apps, never titles',
  'settings.hours': 'Working hours', 'settings.hours.desc': 'Used for baselines, capacity and check-ins.',
  'settings.hours.start': 'Start', 'settings.hours.end': 'End', 'settings.hours.days': 'Days',
  'settings.startOfDay': 'Day starts at', 'settings.startOfDay.desc': 'Activity before this time counts towards the previous day.',
  'settings.keys': 'API keys',
  'settings.keys.none': 'This server accepts requests from this machine without a key (it listens on loopback only).',
  'settings.keys.required': 'This server requires an API key; this browser uses the key ending in “{k}”.',
  'settings.keys.forget': 'Forget key in this browser',
  'settings.keys.howto': 'Keys are configured on the server (api_keys in the config file or ATTNFLOW_API_KEY) and never shown here in full.',
  'data.title': 'Data', 'data.export': 'Export', 'data.export.desc': 'Download everything as an ActivityWatch export (JSON). It can be imported by attnflow or ActivityWatch.',
  'data.export.go': 'Export all data', 'data.export.progress': 'Downloaded {b}', 'data.export.done': 'Exported {n} buckets with {e} events ({b}).',
  'data.export.save': 'Save file',
  'data.import': 'Import', 'data.import.desc': 'Import an ActivityWatch or attnflow export. Existing buckets are kept.',
  'data.import.choose': 'Choose a file', 'data.import.go': 'Import', 'data.import.progress': 'Uploaded {p}',
  'data.import.done': 'Imported.', 'data.import.processing': 'The server is storing the events…',
  'data.buckets': 'Buckets', 'data.bucket': 'Bucket', 'data.type': 'Type', 'data.host': 'Host', 'data.first': 'First event', 'data.last': 'Last event',
  'weekday.short': 'Weekday',
  'hour': 'Hour',
  'minutes': 'minutes',
  'score.-2': 'very distracting', 'score.-1': 'distracting', 'score.0': 'neutral', 'score.1': 'productive', 'score.2': 'very productive',
  'plan.title': 'Plan', 'plan.desc': 'Your open tasks placed in your free working time, deep work in your measured focus peaks. Every block says why it is there.',
  'plan.range': 'Range', 'plan.range.day': 'Today', 'plan.range.week': 'This week',
  'plan.unavailable': 'This view needs the planner API (/api/v1/plan) and a store that keeps tasks.',
  'plan.quick.title': 'Add a task', 'plan.quick.desc': 'Type it as you would say it, in English or Chinese: duration, deadline, priority, #kind.',
  'plan.quick.label': 'New task', 'plan.quick.placeholder': 'write Q3 report 3h by Fri p1 #deep',
  'plan.quick.preview': 'Check', 'plan.quick.save': 'Save task',
  'plan.f.title': 'Title', 'plan.f.estimate': 'Estimate', 'plan.f.priority': 'Priority', 'plan.f.kind': 'Kind', 'plan.f.deadline': 'Deadline',
  'plan.understood': 'Understood:', 'plan.assumed': 'Assumed:',
  'plan.kind.deep': 'deep', 'plan.kind.shallow': 'shallow', 'plan.kind.admin': 'admin', 'plan.kind.learning': 'learning',
  'plan.schedule': 'Schedule', 'plan.schedule.desc': 'Grey: busy in your calendars. Hover a block for its reason.',
  'plan.empty': 'Nothing planned', 'plan.empty.hint': 'Add a task above, or widen the range.',
  'plan.col.when': 'When', 'plan.col.task': 'Task', 'plan.col.kind': 'Kind', 'plan.col.why': 'Why here', 'plan.col.missing': 'Missing',
  'plan.risk': 'At risk', 'plan.risk.desc': 'Work that finds no place before its deadline, and what is missing.',
  'plan.risk.none': 'Every deadline fits.',
  'plan.tasks': 'Open tasks', 'plan.tasks.none': 'No open tasks.', 'plan.done': 'Done',
  'plan.ics': 'Download as a calendar (.ics)',
  'plan.how': 'How this plan was made', 'plan.gap': 'Within {gap}% of the best possible plan for these tasks.',
};

const zh = {
  'app.skip': '跳到正文',
  'nav.main': '主导航',
  'nav.today': '今天', 'nav.trends': '趋势', 'nav.flow': '注意力流', 'nav.sessions': '专注时段',
  'nav.checkins': '自评', 'nav.settings': '设置', 'nav.data': '数据',
  'nav.soon': '即将推出', 'nav.plan': '计划', 'nav.gaze': '眼动', 'nav.experiments': '实验', 'nav.team': '团队',
  'lang.label': '语言',
  'state.loading': '加载中…',
  'state.error': '出错了',
  'state.retry': '重试',
  'state.slow': '比平时慢一些，请稍候…',
  'state.timeout': '服务器没有及时响应。',
  'state.noday': '这一天没有记录到活动。',
  'state.noday.hint': '换一天看看，或确认记录程序正在运行。',
  'state.unavailable': '暂不可用',
  'state.unavailable.v1': '此视图需要注意力流接口（/api/v1），当前服务器尚未提供。接口可用后会自动显示。',
  'state.auth': '此服务器需要 API 密钥。',
  'state.auth.hint': '请输入服务器配置（api_keys）中的密钥。密钥只保存在本浏览器中。',
  'state.auth.save': '使用密钥',
  'first.title': '欢迎使用 attnflow',
  'first.lead': '还没有任何记录。记录程序开始发送事件后，attnflow 就会显示你的注意力去向。',
  'first.step1': '启动 attnflow 及其内置记录程序（当前窗口、离开状态、输入节奏）：',
  'first.step2': '也可以继续使用 ActivityWatch 的记录程序和浏览器扩展——它们通过同一端口（5600）连接 attnflow。',
  'first.step3': '或者在“数据”页导入 ActivityWatch 的导出文件。',
  'first.privacy': '所有数据都留在这台电脑上，绝不记录按键内容。',
  'day.prev': '前一天', 'day.next': '后一天', 'day.today': '今天', 'day.pick': '日期',
  'day.timeline': '时间线',
  'lane.app': '应用 / 窗口', 'lane.category': '类别', 'lane.afk': '离开', 'lane.input': '输入强度',
  'lane.state': '注意力状态', 'lane.sessions': '专注时段与休息',
  'afk.afk': '离开', 'afk.active': '活跃',
  'input.per.min': '每分钟 {n} 次输入',
  'kpi.focus': '专注时间', 'kpi.deep': '深度工作占比', 'kpi.switches': '每小时切换次数',
  'kpi.span': '注意力持续时间', 'kpi.recovery': '恢复时间', 'kpi.active': '活跃时间',
  'kpi.baseline': '你最近 {n} 天的中位数：{v}',
  'kpi.nobaseline': '暂无基线',
  'kpi.up': '高于你的基线', 'kpi.down': '低于你的基线', 'kpi.same': '与平时相当',
  'kpi.help.focus': '在正分值类别中的活跃时间。',
  'kpi.help.deep': '专注时段（≥ 25 分钟，专注 ≥ 80%）占活跃时间的比例。',
  'kpi.help.switches': '合并短暂间隙后，每个活跃小时内切换应用的次数。',
  'kpi.help.span': '切换之前在同一应用上停留时间的中位数。',
  'kpi.help.recovery': '从专注被干扰打断到重新回到专注所需时间的中位数。',
  'top.apps': '常用应用', 'top.categories': '类别',
  'session': '专注时段', 'break': '休息',
  'uncategorized': '未分类', 'other': '其他',
  'trends.range': '范围', 'trends.weeks': '{n} 周',
  'trends.heatmap': '按小时和星期的专注分布',
  'trends.heatmap.desc': '一周中每个小时的平均专注分钟数。',
  'trends.capacity': '各时段专注能力',
  'trends.capacity.desc': '你的工作日中每个小时内专注时间占活跃时间的比例，及其 95% 区间。',
  'trends.capacity.source.v1': '来自注意力流引擎：汇总全部日期，附 95% 可信区间。',
  'trends.capacity.source.local': '在服务器提供引擎曲线之前，由浏览器根据你的类别估算。',
  'trends.weekly': '每周对比', 'trends.weekly.desc': '每周的专注与活跃小时数。',
  'trends.categories': '类别随时间变化', 'trends.categories.desc': '每周各类别的小时数。',
  'trends.focusHours': '专注小时', 'trends.activeHours': '活跃小时', 'trends.share': '专注占比',
  'trends.week.of': '{d} 当周',
  'trends.mean': '平均值', 'trends.interval': '95% 区间',
  'flow.title': '注意力流', 'flow.desc': '注意力从哪里来、到哪里去。箭头从离开的应用指向打开的应用；线越粗，次数越多。',
  'flow.by': '显示', 'flow.apps': '应用', 'flow.categories': '类别',
  'flow.range': '时间段', 'flow.days': '最近 {n} 天',
  'flow.matrix': '从 → 到', 'flow.matrix.desc': '从每一行切换到每一列的次数。',
  'flow.top': '最常见的切换', 'flow.from': '从', 'flow.to': '到', 'flow.count': '切换次数', 'flow.time': '之后停留',
  'flow.cycles': '来回切换', 'flow.cycles.desc': '你在其间来回切换的组合。',
  'flow.none': '这段时间的切换太少，无法绘制注意力流。',
  'sessions.title': '专注时段', 'sessions.desc': '至少 25 分钟、且活跃时间中至少 80% 属于专注类别的时段。',
  'sessions.date': '日期', 'sessions.start': '开始', 'sessions.length': '时长', 'sessions.share': '专注占比',
  'sessions.interrupted': '打断来源', 'sessions.none': '这段时间没有专注时段。',
  'sessions.total': '共 {n} 个时段，总计 {d}，中位数 {m}', 'sessions.nointerrupt': '无',
  'sessions.lengths': '时段长度',
  'checkins.title': '自评', 'checkins.desc': '简短的自我评估能让 attnflow 了解“专注”对你意味着什么。',
  'checkins.due': '该做一次自评了', 'checkins.notdue': '现在不需要自评——你仍然可以回答。',
  'checkins.q.focus': '过去一小时你有多专注？', 'checkins.q.load': '你的工作有多繁重？',
  'checkins.focus.1': '完全不专注', 'checkins.focus.5': '非常专注',
  'checkins.load.1': '非常轻松', 'checkins.load.5': '非常繁重',
  'checkins.submit': '保存回答', 'checkins.saved': '已保存，谢谢！',
  'checkins.recent': '最近的回答', 'checkins.when': '时间', 'checkins.focus': '专注（自评）',
  'checkins.measured': '专注占比（测量）', 'checkins.model': '模型状态',
  'checkins.none': '还没有回答。',
  'checkins.compare': '你的回答与前一小时测得的专注占比对比。',
  'settings.categories': '类别',
  'settings.categories.desc': '把窗口归入类别的规则（即 ActivityWatch 的 “classes” 设置）。正分计为专注，负分计为分心。',
  'settings.cat.name': '类别', 'settings.cat.rule': '规则（正则表达式）', 'settings.cat.case': '忽略大小写',
  'settings.cat.color': '颜色', 'settings.cat.score': '分值', 'settings.cat.add': '添加类别', 'settings.cat.remove': '删除',
  'settings.cat.edit': '编辑', 'settings.save': '保存', 'settings.saved': '已保存。', 'settings.cancel': '取消',
  'settings.cat.reset': '恢复默认',
  'settings.preview': '实时预览', 'settings.preview.desc': '此规则在最近 7 天内匹配到的内容。',
  'settings.preview.match': '匹配 {n} 个窗口，共 {d}',
  'settings.preview.invalid': '不是有效的正则表达式：{e}',
  'settings.preview.empty': '输入规则即可查看匹配结果。',
  'settings.preview.nomatch': '最近 7 天没有匹配项。',
  'settings.privacy': '隐私', 'settings.privacy.desc': 'attnflow 的记录程序在存储之前应用这些规则：排除的应用从不记录，标题中匹配的部分替换为 [redacted]。已记录的匹配窗口在此隐藏。绝不记录按键内容。',
  'settings.privacy.exclude': '从不记录这些应用（每行一个正则表达式）',
  'settings.privacy.rules': '在窗口标题中隐去（每行一个正则表达式）',
  'settings.privacy.private': '私密模式：只记录应用，不记录标题',
  'settings.hours': '工作时间', 'settings.hours.desc': '用于基线、专注能力和自评提醒。',
  'settings.hours.start': '开始', 'settings.hours.end': '结束', 'settings.hours.days': '工作日',
  'settings.startOfDay': '一天开始于', 'settings.startOfDay.desc': '此时间之前的活动计入前一天。',
  'settings.keys': 'API 密钥',
  'settings.keys.none': '此服务器只监听本机回环地址，本机请求无需密钥。',
  'settings.keys.required': '此服务器需要 API 密钥；本浏览器使用以 “{k}” 结尾的密钥。',
  'settings.keys.forget': '在本浏览器中删除密钥',
  'settings.keys.howto': '密钥在服务器上配置（配置文件中的 api_keys 或 ATTNFLOW_API_KEY），此处不会完整显示。',
  'data.title': '数据', 'data.export': '导出', 'data.export.desc': '以 ActivityWatch 导出格式（JSON）下载全部数据，可被 attnflow 或 ActivityWatch 导入。',
  'data.export.go': '导出全部数据', 'data.export.progress': '已下载 {b}', 'data.export.done': '已导出 {n} 个数据桶，共 {e} 个事件（{b}）。',
  'data.export.save': '保存文件',
  'data.import': '导入', 'data.import.desc': '导入 ActivityWatch 或 attnflow 的导出文件。已有的数据桶会保留。',
  'data.import.choose': '选择文件', 'data.import.go': '导入', 'data.import.progress': '已上传 {p}',
  'data.import.done': '导入完成。', 'data.import.processing': '服务器正在保存事件…',
  'data.buckets': '数据桶', 'data.bucket': '数据桶', 'data.type': '类型', 'data.host': '主机', 'data.first': '最早事件', 'data.last': '最新事件',
  'weekday.short': '星期',
  'hour': '小时',
  'minutes': '分钟',
  'score.-2': '非常分心', 'score.-1': '分心', 'score.0': '中性', 'score.1': '高效', 'score.2': '非常高效',
  'plan.title': '计划', 'plan.desc': '把未完成的任务排进空闲的工作时间，深度工作放在你测得的专注高峰。每个时间块都说明为什么在那里。',
  'plan.range': '范围', 'plan.range.day': '今天', 'plan.range.week': '本周',
  'plan.unavailable': '此视图需要计划 API（/api/v1/plan）和能保存任务的存储。',
  'plan.quick.title': '添加任务', 'plan.quick.desc': '像说话一样输入，中英文皆可：时长、截止时间、优先级、#类型。',
  'plan.quick.label': '新任务', 'plan.quick.placeholder': '周五前写完季度报告 3小时 高优先级 #深度',
  'plan.quick.preview': '检查', 'plan.quick.save': '保存任务',
  'plan.f.title': '标题', 'plan.f.estimate': '预估', 'plan.f.priority': '优先级', 'plan.f.kind': '类型', 'plan.f.deadline': '截止',
  'plan.understood': '已理解：', 'plan.assumed': '假设：',
  'plan.kind.deep': '深度', 'plan.kind.shallow': '浅层', 'plan.kind.admin': '事务', 'plan.kind.learning': '学习',
  'plan.schedule': '日程', 'plan.schedule.desc': '灰色：日历中的忙碌时间。悬停在时间块上可查看原因。',
  'plan.empty': '没有安排', 'plan.empty.hint': '在上方添加任务，或扩大范围。',
  'plan.col.when': '时间', 'plan.col.task': '任务', 'plan.col.kind': '类型', 'plan.col.why': '为什么在这里', 'plan.col.missing': '缺少',
  'plan.risk': '有风险', 'plan.risk.desc': '截止前排不下的工作，以及还缺多少时间。',
  'plan.risk.none': '所有截止时间都能赶上。',
  'plan.tasks': '未完成任务', 'plan.tasks.none': '没有未完成的任务。', 'plan.done': '完成',
  'plan.ics': '下载为日历文件（.ics）',
  'plan.how': '这个计划是怎么来的', 'plan.gap': '与这些任务的最优计划相差不超过 {gap}%。',
};

/** Supported languages and their dictionaries. */
export const languages = { en: { name: 'English', dict: en }, 'zh-CN': { name: '简体中文', dict: zh } };

/** pickLanguage chooses a supported language from a saved choice and the browser's list. */
export function pickLanguage(saved, browser) {
  if (saved && languages[saved]) return saved;
  for (const l of browser || []) {
    const low = l.toLowerCase();
    if (low.startsWith('zh')) return 'zh-CN';
    if (low.startsWith('en')) return 'en';
  }
  return 'en';
}

/** I18n translates keys and formats values for one locale. */
export class I18n {
  constructor(lang) {
    this.lang = lang;
    this.dict = languages[lang].dict;
    this.num = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    this.int = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
    this.pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
    this.dateLong = new Intl.DateTimeFormat(lang, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
    this.dateShort = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric' });
    this.dateWeek = new Intl.DateTimeFormat(lang, { weekday: 'short', month: 'short', day: 'numeric' });
    this.dateTime = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    this.time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    this.weekdayFmt = new Intl.DateTimeFormat(lang, { weekday: 'short' });
    this.list = new Intl.ListFormat(lang, { style: 'narrow', type: 'conjunction' });
    this.unit = (u) => new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'narrow', maximumFractionDigits: 0 });
    this.units = { h: this.unit('hour'), m: this.unit('minute'), s: this.unit('second') };
    this.bytesFmt = (u) => new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: 1 });
  }

  /** t translates key, filling {name} placeholders from vars. */
  t(key, vars) {
    let s = this.dict[key] ?? en[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, v);
    return s;
  }

  /** dur formats seconds as "2 h 5 min" / "2小时5分钟" style, compactly. */
  dur(sec) {
    if (sec == null || !isFinite(sec)) return '–';
    sec = Math.max(0, Math.round(sec));
    const h = Math.floor(sec / 3600), m = Math.floor((sec % 3600) / 60), s = sec % 60;
    const sep = this.lang.startsWith('zh') ? '' : ' ';
    if (h > 0) return m > 0 ? this.units.h.format(h) + sep + this.units.m.format(m) : this.units.h.format(h);
    if (m > 0) return m >= 10 || s === 0 ? this.units.m.format(m) : this.units.m.format(m) + sep + this.units.s.format(s);
    return this.units.s.format(s);
  }

  /** bytes formats a byte count. */
  bytes(n) {
    if (n >= 1 << 20) return this.bytesFmt('megabyte').format(n / (1 << 20));
    if (n >= 1 << 10) return this.bytesFmt('kilobyte').format(n / (1 << 10));
    return this.bytesFmt('byte').format(n);
  }

  /** weekdays returns short weekday names starting on Monday. */
  weekdays() {
    const base = new Date(2024, 0, 1); // a Monday
    return Array.from({ length: 7 }, (_, i) => this.weekdayFmt.format(new Date(base.getFullYear(), 0, 1 + i)));
  }
}
