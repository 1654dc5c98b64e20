// The demo site's own script: a language switch and a theme switch, remembered in the URL.
const texts = {
  en: {
    skip: 'Skip to content',
    settings: 'Settings',
    language: 'Language',
    theme: 'Appearance',
    themeDefault: 'Default',
    themeDark: 'Dark',
    outbox: 'Outbox (development)',
    operator: 'Operator console (development)',
    title: 'Telephony for everyone – in sign language too',
    intro: 'This page is the website of a made-up reseller. The forms below come from telkit: one script tag, then the elements.',
    signup: 'Open a customer account',
    login: 'Customer portal',
    loginDemo: 'To try it: username demo.admin, password Demo-Admin-Passwort-2026 (a business account’s administrator), or as a co-user aylin.kaya, password Demo-Mitbenutzer-2026, or as the administrator of the location “Filiale Zürich” filiale.zuerich, password Demo-Standort-2026. The text message code is in the outbox.',
    subUsers: 'Manage co-users',
    subUsersLogin: 'Log in as demo.admin in the customer portal above: then you set up, manage and cancel the business account’s co-users here.',
    locations: 'Manage locations',
    locationsLogin: 'Log in as demo.admin in the customer portal above: then you see the main account with its location “Filiale Zürich” here, switch to it and link more accounts.',
    locationsDemo: 'To try it: the business account “Muster Werkstatt Bern GmbH” was linked to no main account at start; link it with its customer number:',
    partner: 'Partner portal: bring your numbers',
    partnerIntro: 'Here a reseller’s staff set up customers with a phone system and port their existing numbers: customer, subscription, numbers, workplaces, review and submit. The operator handles the orders in the operator console.',
    partnerLogin: 'To try it: log in to the customer portal above with the username demo.agent and the password Demo-Agent-Passwort-2026 (a member of the reseller’s staff; the text message code is in the outbox). Then you find the port orders here, and the wizard for new ones.',
    partnerToLogin: 'Go to the login',
    orders: 'Port orders',
    partnerOperator: 'Handle the orders as the operator (operator console, development)',
    newOrder: 'New port order',
    credentials: 'New internet access credentials',
    credentialsLogin:
      'Log in above in the customer portal as demo.admin: then you see the fixed-network contracts of the business account and of its location “Filiale Zürich” here, and generate new credentials for a router. The encrypted PDF and the code by SMS are in the outbox.',
    footer: 'Demo Reseller GmbH · Musterstraße 1 · 10115 Berlin · an example, not a real offer',
  },
};
const original = {};
for (const el of document.querySelectorAll('[data-i18n]')) original[el.dataset.i18n] = el.textContent.trim();
for (const el of document.querySelectorAll('[data-i18n-label]')) original[el.dataset.i18nLabel] = el.getAttribute('aria-label');

const provider = document.querySelector('tk-provider');
const params = new URLSearchParams(location.search);

function setLanguage(lang) {
  const dict = lang === 'de' ? original : texts[lang];
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = dict[el.dataset.i18n];
  for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', dict[el.dataset.i18nLabel]);
  document.title = lang === 'de' ? 'Demo Reseller – Telefonie für alle' : 'Demo Reseller – Telephony for everyone';
  provider.setAttribute('locale', lang);
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
}

function setTheme(theme) {
  if (theme === 'dark') document.documentElement.dataset.theme = 'dark';
  else delete document.documentElement.dataset.theme;
  for (const b of document.querySelectorAll('button[data-theme]')) b.setAttribute('aria-pressed', String(b.dataset.theme === theme));
}

function remember(key, value) {
  params.set(key, value);
  history.replaceState(null, '', `${location.pathname}?${params}`);
}

for (const b of document.querySelectorAll('[data-lang]')) {
  b.addEventListener('click', () => {
    setLanguage(b.dataset.lang);
    remember('lang', b.dataset.lang);
  });
}
for (const b of document.querySelectorAll('button[data-theme]')) {
  b.addEventListener('click', () => {
    setTheme(b.dataset.theme);
    remember('theme', b.dataset.theme);
  });
}
if (params.get('lang') === 'en') setLanguage('en');
if (params.get('theme') === 'dark') setTheme('dark');

// The partner portal: for a partner agent (logged in with the customer portal's login above), its port orders
// and the wizard for a new one.
function showPartner(user) {
  const agent = user?.role === 'partner_agent';
  document.getElementById('partner-note').hidden = agent;
  for (const [id, tag] of [
    ['orders', 'tk-port-orders'],
    ['new-order', 'tk-porting'],
  ]) {
    const part = document.getElementById(id);
    part.hidden = !agent;
    let widget = part.querySelector(tag);
    if (agent && !widget) {
      widget = document.createElement(tag);
      widget.setAttribute('heading-level', '4');
      part.append(widget);
    } else if (!agent && widget) {
      widget.remove();
    }
  }
}

// The co-users, locations and credentials parts appear for a business account's admin once logged in (the portal above has the login).
const coUsers = document.getElementById('co-users');
const locations = document.getElementById('locations');
const credentials = document.getElementById('credentials');
function showPart(section, tag, noteId, admin) {
  let widget = section.querySelector(tag);
  document.getElementById(noteId).hidden = admin;
  if (admin && !widget) {
    widget = document.createElement(tag);
    widget.setAttribute('heading-level', '3');
    if (tag === 'tk-credential-reset') widget.setAttribute('profile-url', '#portal'); // where tk-profile changes them
    section.append(widget);
  } else if (!admin && widget) {
    widget.remove();
  }
}
function showParts(user) {
  const admin = user?.role === 'account_admin' && user.account?.accountType === 'business';
  showPart(coUsers, 'tk-sub-users', 'sub-users-note', admin);
  showPart(locations, 'tk-locations', 'locations-note', admin);
  showPart(credentials, 'tk-credential-reset', 'credentials-note', admin);
  // The account to link is offered to the main account's admin, not while acting for a location.
  document.getElementById('locations-demo').hidden = !admin || Boolean(user.acting);
}
provider.addEventListener('tk-session-change', (event) => {
  showParts(event.detail.user);
  showPartner(event.detail.user);
});
// A session kept from before a reload may have been restored before this script listened.
customElements.whenDefined('tk-provider').then(() => {
  showParts(provider.user);
  showPartner(provider.user);
});
