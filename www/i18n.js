// Interface strings in Arabic and English. Elements of index.html carry `data-i18n` (text),
// `data-i18n-label` (aria-label), `data-i18n-title` and `data-i18n-ph` (placeholder) keys: their
// Arabic text is read from the page itself the first time, the English text is below. Strings the
// scripts build are in STR as [Arabic, English].

const EN = {
  skip: 'Skip to the results',
  title: 'Kashif — Arabic text analyzer',
  tagline: 'Arabic text analyzer: places, people and organizations, keywords and text statistics — all in your browser, without sending the text to any server.',
  langSwitch: 'العربية',
  langLabel: 'Switch the interface to Arabic',
  themeSwitch: 'Dark theme',
  inputLabel: 'Text',
  modesLabel: 'View',
  modeSingle: 'One text',
  modeCorpus: 'Corpus',
  inputPh: 'Paste or type Arabic text here, or drop a .txt, .md or .html file; it is analyzed as you type…',
  analyze: 'Analyze',
  cancel: 'Cancel',
  clear: 'Clear the text',
  open: 'Open a file…',
  samplesLabel: 'Sample texts',
  sample0: 'Choose a sample text…',
  sample1: 'News: North Korea and Russia',
  sample2: 'Science: water in the desert',
  sample3: 'Culture: the book fair',
  hint: 'The text is analyzed as you type (Ctrl+Enter to analyze now).',
  errTitle: 'Analysis failed',
  errHint1: 'Make sure the package is built',
  errHint2: 'and that the browser supports WebAssembly.',
  progressLabel: 'Analysis progress',
  optionsTitle: 'Options',
  rankingLegend: 'Rank keywords by',
  rankBlend: 'Importance',
  rankKeyness: 'Keyness',
  rankFrequency: 'Frequency',
  stopTitle: 'Stopwords',
  stopNote: 'Stopwords are left out of the keywords. Your changes are saved in this browser.',
  stopInput: 'A word',
  stopAdd: 'Add as stopword',
  stopRemove: 'Keep this word (not a stopword)',
  stopAdded: 'Added stopwords',
  stopRemoved: 'Words kept',
  stopReset: 'Reset the stopwords',
  entitiesTitle: 'Text and named entities',
  highlightedLabel: 'The analyzed text',
  legendLabel: 'Entity types (press to show or hide a type)',
  entListTitle: 'Entities by type',
  entListNote: 'Press an entity to step through its mentions in the text.',
  keywordsTitle: 'Keywords',
  keywordsNote: 'Press a word to mark its occurrences and show them in context. Press a header to sort.',
  colWord: 'Keyword',
  colCount: 'Count',
  colShare: 'Share',
  colKeyness: 'Keyness',
  colBar: 'Count chart',
  keywordsEmpty: 'No keywords.',
  chartsTitle: 'Top keywords',
  barTitle: 'The 20 most frequent keywords',
  cloudTitle: 'Word cloud',
  kwicTitle: 'Keyword in context',
  statsTitle: 'Text statistics',
  stCharacters: 'Characters',
  stWords: 'Words',
  stUnique: 'Unique words',
  stSentences: 'Sentences',
  stEntities: 'Entities',
  stAvg: 'Average word length (letters)',
  stReading: 'Reading time',
  stArabic: 'Arabic script',
  tokensTitle: 'Tokens',
  tokensLabel: 'Token table',
  tkPrev: 'Previous',
  tkNext: 'Next',
  tkStart: 'Token',
  tkText: 'Token',
  tkKind: 'Kind',
  tkNorm: 'Normalized',
  tkSegments: 'Segments',
  exportTitle: 'Export',
  exJson: 'Whole result (JSON)',
  exKwCsv: 'Keywords (CSV)',
  exKwJson: 'Keywords (JSON)',
  exEntCsv: 'Entities (CSV)',
  exHtml: 'Highlighted text (HTML report)',
  footer: 'The analysis runs locally with WebAssembly.',
  noscript: 'Kashif needs JavaScript and WebAssembly enabled in the browser.',
};

/** Strings built by the scripts: [Arabic, English]. `{0}`… are replaced by arguments. */
const STR = {
  loading: ['جارٍ تحميل المحرّك…', 'Loading the engine…'],
  engine: ['المحرّك {0}', 'engine {0}'],
  engineDown: ['المحرّك غير محمّل', 'the engine is not loaded'],
  engineUnavailable: ['المحرّك غير متاح.', 'The engine is unavailable.'],
  done: ['المحرّك {0} · حُلِّل النص في {1} مللي ثانية · {2} كلمة', 'engine {0} · analyzed in {1} ms · {2} words'],
  running: ['جارٍ التحليل…', 'Analyzing…'],
  progress: ['جارٍ التحليل… {0}٪', 'Analyzing… {0}%'],
  cancelled: ['أُلغي التحليل.', 'The analysis was cancelled.'],
  failed: ['فشل التحليل؛ عدّل النص أو اضغط «حلّل» للمحاولة مجددًا.', 'The analysis failed; edit the text or press Analyze to retry.'],
  errAnalyze: ['تعذّر تحليل هذا النص', 'This text could not be analyzed'],
  errEngine: ['تعذّر تحميل محرّك التحليل (WebAssembly)', 'The analysis engine (WebAssembly) could not be loaded'],
  errSample: ['تعذّر تحميل النص التجريبي', 'The sample text could not be loaded'],
  errFile: ['تعذّر فتح الملف', 'The file could not be opened'],
  tooBig: ['النص أطول من الحد المسموح ({0} مليون حرف): طوله {1} مليون حرف. قسّمه إلى أجزاء أصغر.', 'The text is longer than the limit ({0} million characters): it has {1} million. Split it into smaller parts.'],
  badFile: ['نوع الملف غير مدعوم: {0}. الأنواع المدعومة: ‎.txt و‎.md و‎.html', 'Unsupported file type: {0}. Supported: .txt, .md, .html'],
  size: ['{0} حرف · {1} كيلوبايت', '{0} characters · {1} KB'],
  bigFile: ['ملف كبير ({0}): يُعرض أوله فقط هنا ولا يمكن تحريره. امسح النص للكتابة.', 'Large file ({0}): only its beginning is shown here and it cannot be edited. Clear the text to type.'],
  noText: ['لا يوجد نص.', 'No text.'],
  phrase: ['عبارة', 'phrase'],
  scoreTip: [
    'درجة الأهمية {0} = التكرار {1} + أول ظهور (الجملة {2}) {3} + الانتشار ({4} من {5} جملة) {6} + الأسماء ({7} موضع) {8} + الندرة في العربية العامة (زيبف {9}) {10} + العبارة {11}',
    'Importance {0} = count {1} + first seen (sentence {2}) {3} + spread ({4} of {5} sentences) {6} + names ({7} mentions) {8} + rarity in general Arabic (Zipf {9}) {10} + phrase {11}',
  ],
  variants: ['{0} صيغ', '{0} forms'],
  variantsOf: ['صيغ «{0}»', 'Forms of “{0}”'],
  variantsOfHidden: [' من «{0}»', ' of “{0}”'],
  sortBy: ['رتّب حسب {0}', 'Sort by {0}'],
  more: ['عرض المزيد ({0} متبقية)', 'Show more ({0} left)'],
  kwicCount: ['«{0}»: {1} موضع. انقر سطرًا للانتقال إليه في النص.', '“{0}”: {1} occurrences. Press a line to go to it in the text.'],
  mention: ['{0}: الموضع {1} من {2}', '{0}: mention {1} of {2}'],
  noEntities: ['لا توجد كيانات.', 'No entities.'],
  remove: ['احذف «{0}»', 'Remove “{0}”'],
  none: ['لا شيء', 'none'],
  minutes: ['{0} دقيقة', '{0} min'],
  chars: ['{0} حرفًا', '{0} characters'],
  tokensRange: ['الرموز {0}–{1} من {2}', 'Tokens {0}–{1} of {2}'],
  reportTitle: ['كاشف — تقرير النص', 'Kashif — text report'],
  legendShow: ['{0}: {1} (اضغط للإظهار أو الإخفاء)', '{0}: {1} (press to show or hide)'],
  chunked: ['نص طويل: حُلِّل على أجزاء بنتيجة النص كاملًا، ويُصدَّر JSON بلا قائمة الرموز.', 'Long text: analyzed in parts, with the result of the whole text; its JSON export leaves out the token list.'],
  rank: ['الترتيب', 'rank'],
  kwicEmpty: ['اختر كلمة مفتاحية لعرض مواضعها.', 'Choose a keyword to see its occurrences.'],
  cloud: ['سحابة الكلمات المفتاحية', 'Keyword cloud'],
};

let current = 'ar';
const arFromPage = new Map();

export function lang() {
  return current;
}

/** The string `key` in the current language, `{0}`… replaced by `args`. */
export function t(key, ...args) {
  const s = STR[key]?.[current === 'en' ? 1 : 0] ?? key;
  return s.replace(/\{(\d+)\}/g, (_, i) => String(args[i] ?? ''));
}

const ATTRS = [
  ['i18n', null],
  ['i18nLabel', 'aria-label'],
  ['i18nTitle', 'title'],
  ['i18nPh', 'placeholder'],
];

/** Puts the page's static strings in `code` ('ar' or 'en') and flips <html lang/dir>. */
export function setLang(code) {
  current = code === 'en' ? 'en' : 'ar';
  const root = document.documentElement;
  root.lang = current;
  root.dir = current === 'en' ? 'ltr' : 'rtl';
  for (const [data, attr] of ATTRS) {
    const sel = `[data-${data.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}]`;
    for (const node of document.querySelectorAll(sel)) {
      const key = node.dataset[data];
      const id = `${data}:${key}:${attr}`;
      const nowAr = attr ? node.getAttribute(attr) : node.textContent;
      if (!arFromPage.has(id)) arFromPage.set(id, nowAr);
      const value = current === 'en' ? EN[key] ?? arFromPage.get(id) : arFromPage.get(id);
      if (attr) node.setAttribute(attr, value);
      else node.textContent = value;
    }
  }
  if (current === 'en') document.title = EN.title;
  else if (arFromPage.has('title')) document.title = arFromPage.get('title');
}

/** Remembers the Arabic document title once. */
export function initLang() {
  arFromPage.set('title', document.title);
}
