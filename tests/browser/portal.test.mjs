// portal.test.mjs - the client acceptance portal in Debian's Chromium, driven
// by Playwright, on the demo database: staff add a contact of
// bright-smile-dental with an invitation; the contact, in a browser of their
// own at phone size, sets a password, agrees to do business electronically,
// reads the Standard of Care Agreement (legal text and plain twins), initials
// every mark (the declined safeguard's among them), signs, downloads the
// signed copy and the certificate (read back with pdftotext), and refuses the
// HIPAA Business Associate Addendum; staff then see the agreement signed and
// 'prudent verify' passes.  A screenshot of each portal page (kept in
// $ARTIFACTS, named portal-*) and an accessibility check of each with
// axe-core (no serious or critical violations); no page is wider than the
// phone.
//
// Run by CTest as browser_portal; needs PRUDENT (the binary).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const prudent = process.env.PRUDENT;
const artifacts = process.env.ARTIFACTS || mkdtempSync(join(tmpdir(), 'prudent-shots-'));
const work = mkdtempSync(join(tmpdir(), 'prudent-portal-'));
const demo = join(work, 'demo');
const db = join(demo, 'prudent.db');
// The environment as the suite sets it (ASAN_OPTIONS, LSAN_OPTIONS), with
// the demo database as the default one.
const env = { ...process.env, PRUDENT_DB: db, PRUDENT_USER: 'browser test' };
const client = 'bright-smile-dental';
const contact = { email: 'maria.lopez@bright-smile.example', name: 'Maria Lopez',
		  title: 'Office Manager', initials: 'ML', password: 'a long portal password' };
const phone = { width: 390, height: 844 };
let server, url, browser, staff, person, serverErr = '';
let staffEmail, staffPassword, invitation, agreementUrl;

before(async () => {
	mkdirSync(artifacts, { recursive: true });
	// Six clients with issued documents; the owner's password is printed once.
	const out = execFileSync(prudent, ['demo', '--dir', demo, '--no-serve'],
				 { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	const m = out.match(/Sign in as (\S+) with the password (\S+)/);
	assert.ok(m, 'the demo prints the owner\'s email and password: ' + out);
	[, staffEmail, staffPassword] = m;
	server = spawn(prudent, ['serve', '--db', db, '--port', '0', '--quiet'], { env });
	server.stderr.on('data', (d) => { serverErr += d; });
	url = await new Promise((resolve, reject) => {
		let text = '';
		server.stdout.on('data', (d) => {
			text += d;
			const l = text.match(/Listening on (\S+)/);
			if (l) resolve(l[1]);
		});
		server.on('exit', (code) => reject(new Error(`prudent serve exited ${code}`)));
	});
	browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
		       '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
	staff = await (await browser.newContext({ acceptDownloads: true })).newPage();
});

after(async () => {
	await browser?.close();
	if (server) {
		const done = new Promise((resolve) => server.on('exit', resolve));
		server.kill('SIGTERM');
		assert.equal(await done, 0, 'the server exits 0 on SIGTERM: ' + serverErr);
	}
	rmSync(work, { recursive: true, force: true });
});

// Accessibility, layout and rendering problems a step came across: gathered
// as it goes (so one problem does not hide the next), asserted at its end,
// and told with any failure of the step (they may be its cause).
let problems = [];
function step(name, fn) {
	test(name, async () => {
		problems = [];
		try {
			await fn();
		} catch (err) {
			if (problems.length)
				err.message += '\n(problems seen before: ' + problems.join('; ') + ')';
			throw err;
		}
		assert.deepEqual(problems, [], `problems found while: ${name}`);
	});
}

// A screenshot, and no serious or critical accessibility problem.
async function check(page, name) {
	await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
	const result = await new AxeBuilder({ page }).analyze();
	for (const v of result.violations)
		if (v.impact === 'serious' || v.impact === 'critical')
			problems.push(`${name}: ${v.id}: ${v.help} (${v.nodes.length}: ` +
				      v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ') + ')');
}

// A portal page as the phone shows it: a screenshot, axe, and nothing wider
// than the screen (no sideways scrolling of the page).
async function checkPhone(page, name) {
	await check(page, name);
	const wide = await page.evaluate(() => {
		const root = document.documentElement, out = [], range = document.createRange();
		const where = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
			(el.className ? '.' + el.className.split(' ').join('.') : '');
		for (const el of document.querySelectorAll('body *')) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && r.right > root.clientWidth + 1 && out.length < 3)
				out.push(`${where(el)} (right edge ${Math.round(r.right)})`);
		}
		// Text too long to wrap sticks out of its box, which stays narrow.
		const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n; (n = walk.nextNode()) && out.length < 6;) {
			range.selectNodeContents(n);
			const r = range.getBoundingClientRect();
			if (r.width > 0 && r.right > root.clientWidth + 1)
				out.push(`text in ${where(n.parentElement)} (right edge ${Math.round(r.right)}): ` +
					 `"${n.textContent.trim().slice(0, 60)}…"`);
		}
		return { scroll: root.scrollWidth, client: root.clientWidth, out };
	});
	if (wide.scroll > wide.client)
		problems.push(`${name} is wider than the phone (${wide.scroll} > ${wide.client} px): ` +
			      wide.out.join(', '));
}

// An element fits across the phone's screen and can be tapped.
async function reachable(locator, what) {
	await locator.scrollIntoViewIfNeeded();
	const box = await locator.boundingBox();
	assert.ok(box, `${what} is shown`);
	assert.ok(box.x >= 0 && box.x + box.width <= phone.width + 1,
		  `${what} fits across the phone (x ${box.x}, width ${box.width})`);
	assert.ok(box.height >= 20, `${what} is tall enough to tap (${box.height} px)`);
}

// A download through the browser, saved, checked to be a PDF, and its text.
async function download(page, link, name) {
	const [d] = await Promise.all([page.waitForEvent('download'), link.click()]);
	const file = join(work, name);
	await d.saveAs(file);
	assert.equal(readFileSync(file).subarray(0, 5).toString(), '%PDF-', `${name} is a PDF`);
	assert.ok(statSync(file).size > 2000, `${name} has its pages`);
	const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
	assert.equal(r.status, 0, `pdftotext reads ${name}: ${r.stderr}`);
	writeFileSync(join(artifacts, `portal-${name}.txt`), r.stdout);
	return r.stdout;
}

function verify() {
	const r = spawnSync(prudent, ['verify', '--db', db], { env, encoding: 'utf8' });
	assert.equal(r.status, 0, `prudent verify exits 0:\n${r.stdout}\n${r.stderr}`);
}

// The staff client page, loaded afresh (going to the same address with a
// fragment would only scroll the page already shown).
async function clientPage() {
	await staff.goto('about:blank');
	await staff.goto(url + `clients/${client}#acceptance`);
}

// The staff client page's Acceptance table row of a document.
function acceptanceRow(title) {
	return staff.locator('#acceptance + table tbody tr').filter({ hasText: title });
}

let marks = 0, declinedMarks = 0, declinedNumber = '', signed = false;

step('staff add a contact with an invitation', async () => {
	await staff.goto(url);
	assert.match(staff.url(), /\/login/);
	await staff.fill('#email', staffEmail);
	await staff.fill('#password', staffPassword);
	await staff.click('button[type=submit]');
	await staff.waitForURL(url);

	await staff.goto(url + `clients/${client}`);
	const row = acceptanceRow('Standard of Care Agreement');
	assert.equal(await row.count(), 1, 'the agreement is listed under Acceptance');
	assert.match(await row.textContent(), /awaiting acceptance/);
	await staff.fill('#ct_email', contact.email);
	await staff.fill('#ct_name', contact.name);
	await staff.fill('#ct_title', contact.title);
	assert.ok(await staff.isChecked('input[name=invite]'), 'an invitation is made by default');
	await staff.click('text=Add the contact');
	await staff.waitForLoadState();
	assert.equal((await staff.textContent('h1')).trim(), `Invitation for ${contact.name}`);
	invitation = (await staff.textContent('code.token')).trim();
	assert.match(invitation, /^https?:\/\/\S+\/portal\/invite\/[0-9a-f]+$/);
	assert.ok(invitation.startsWith(url.replace(/\/$/, '')),
		  `the link points at this server (${invitation}, ${url})`);
	await check(staff, 'portal-staff-invitation');
});

step('the contact sets a password, agrees, initials and signs the agreement', async () => {
	const context = await browser.newContext({ viewport: phone, isMobile: true, hasTouch: true,
						   acceptDownloads: true });
	person = await context.newPage();

	await person.goto(invitation);
	assert.equal((await person.textContent('h1')).trim(), `Welcome, ${contact.name}`);
	await checkPhone(person, 'portal-invite');
	await person.fill('#password', contact.password);
	await person.fill('#again', contact.password);
	await person.click('text=Set password and continue');
	await person.waitForURL(/\/portal$/);
	assert.match(await person.textContent('h1'), /^Documents for /);
	const notice = person.locator('p.notice a[href="/portal/consent"]');
	assert.equal(await notice.count(), 1, 'the portal asks for consent first');
	assert.match(await person.textContent('main'), /Standard of Care Agreement/);
	await checkPhone(person, 'portal-home');
	// The invitation works once.
	const again = await (await browser.newContext()).newPage();
	const used = await again.goto(invitation);
	assert.equal(used.status(), 404, 'a used invitation link no longer works');
	await again.context().close();

	await notice.click();
	await person.waitForURL(/\/portal\/consent$/);
	assert.match(await person.textContent('h1'), /Doing business electronically/);
	await checkPhone(person, 'portal-consent');
	await person.check('input[name=agree]');
	await person.click('button:has-text("I agree")');
	await person.waitForURL(/\/portal$/);
	assert.equal(await person.locator('p.notice a[href="/portal/consent"]').count(), 0,
		     'no consent notice once agreed');

	await person.click('ul.docs a:has-text("Standard of Care Agreement")');
	await person.waitForURL(/\/portal\/documents\/\d+\/[^/]+$/);
	agreementUrl = person.url();
	assert.match(await person.textContent('h1'), /Standard of Care Agreement/);
	assert.match(await person.textContent('main'), /Status: awaiting acceptance/);

	// Every clause in legal words, most with a plain twin.
	const clauses = person.locator('section.clause');
	const nClauses = await clauses.count();
	assert.ok(nClauses >= 5, `the agreement shows its clauses (${nClauses})`);
	assert.equal(await person.locator('section.clause .legal').count(), nClauses,
		     'each clause has its legal text');
	const plains = person.locator('section.clause div.plain');
	assert.ok(await plains.count() >= nClauses / 2,
		  `the clauses have plain twins (${await plains.count()} of ${nClauses})`);
	assert.equal((await plains.first().locator('.label').textContent()).trim(), 'In plain words');
	assert.ok((await person.locator('section.clause .legal').first().textContent()).trim().length > 40,
		  'the legal text is there');

	// The marks to initial, one of them for the declined safeguard.
	marks = await person.locator('div.mark').count();
	const declined = clauses.filter({ has: person.locator('h2', { hasText:
		'Safeguards the Customer declined' }) });
	assert.equal(await declined.count(), 1, 'the agreement has the declined safeguards clause');
	declinedMarks = await declined.locator('div.mark').count();
	declinedNumber = (await declined.locator('h2').textContent()).trim().split(' ')[0];
	assert.match(declinedNumber, /^\d+(\.\d+)*$/);
	assert.ok(marks >= 3, `several places to initial (${marks})`);
	assert.ok(declinedMarks >= 1, 'the declined safeguard is initialled');
	assert.match(await declined.textContent(), /penetration/i,
		     'the declined clause names the declined safeguard');
	assert.equal(await person.locator('div.mark form').count(), marks, 'none initialled yet');

	// The sign section, before the initials.
	const sign = person.locator('section#sign');
	assert.equal(await sign.count(), 1, 'the sign section is there');
	assert.match(await sign.locator('p.notice').textContent(),
		     new RegExp(`Initial the ${marks} items? above`));
	assert.equal(await sign.locator('input[type=checkbox][name=attest]').count(), 1);
	assert.equal(await person.inputValue('#name'), contact.name);
	assert.equal(await person.inputValue('#title'), contact.title);
	await reachable(person.locator('div.mark input[name=initials]').first(), 'the first initials box');
	await reachable(person.locator('div.mark button:has-text("Initial")').first(),
			'the first Initial button');
	await reachable(sign.locator('button:has-text("Sign")'), 'the Sign button');
	// What the phone shows of the declined safeguard's clause and of the
	// sign section (the full-page screenshot is very long).
	await declined.screenshot({ path: join(artifacts, 'portal-document-declined.png') });
	await sign.screenshot({ path: join(artifacts, 'portal-document-sign.png') });
	await person.evaluate(() => window.scrollTo(0, 0));
	await checkPhone(person, 'portal-document');

	// Signing before every initial is refused, and says why.
	await person.check('input[name=attest]');
	const [early] = await Promise.all([
		person.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/sign')),
		sign.locator('button:has-text("Sign")').click(),
	]);
	await person.waitForLoadState();
	assert.equal(early.status(), 409, 'no signature before the initials');
	assert.match(await person.locator('p.error[role=alert]').textContent(), /initial every clause/i);
	await person.goto(agreementUrl);
	assert.match(await person.textContent('main'), /Status: awaiting acceptance/);

	// Initial every mark, one at a time (each is its own event).
	for (let i = 0; i < marks; i++) {
		const form = person.locator('div.mark form').first();
		assert.equal(await form.count(), 1, `mark ${i + 1} of ${marks} awaits initials`);
		const box = form.locator('input[name=initials]');
		await reachable(box, `initials box ${i + 1}`);
		const mark = await form.locator('xpath=..').getAttribute('id');
		await box.fill(contact.initials);
		await form.locator('button:has-text("Initial")').click();
		await person.waitForLoadState();
		assert.equal(person.url().replace(/#.*/, ''), agreementUrl,
			     'back on the document: ' + (await person.locator('.error').allTextContents()));
		assert.match(await person.locator(`#${mark} p.ok`).textContent(), /^Initialled /);
		// On a long page and a small screen, the reader goes on from the box
		// they initialled, not from the top of the document.
		const shown = await person.locator(`#${mark}`).boundingBox();
		if (i === 0 && !(shown && shown.y >= 0 && shown.y < phone.height))
			problems.push(`after initialling, the page shows its top, not the box initialled ` +
				      `(#${mark} at y ${shown && Math.round(shown.y)}, page at ${person.url()})`);
	}
	assert.equal(await person.locator('div.mark form').count(), 0, 'every mark initialled');
	const done = person.locator('div.mark.done p.ok');
	assert.equal(await done.count(), marks);
	for (const text of await done.allTextContents())
		assert.match(text, /^Initialled ML on \d{4}-\d\d-\d\d at \d\d:\d\d UTC$/);
	assert.equal(await declined.locator('div.mark.done').count(), declinedMarks);
	assert.equal(await sign.locator('p.notice').count(), 0, 'nothing left to initial');

	await person.check('input[name=attest]');
	await sign.locator('button:has-text("Sign")').click();
	await person.waitForLoadState();
	assert.equal(person.url(), agreementUrl,
		     'signed: ' + (await person.locator('.error').allTextContents()));
	const status = person.locator('p.ok[role=status]');
	assert.match(await status.textContent(), /^Signed on \d{4}-\d\d-\d\d\./);
	assert.match(await person.textContent('main'), /Status: signed/);
	assert.equal(await person.locator('section#sign').count(), 0, 'no sign form once signed');
	signed = true;
	await checkPhone(person, 'portal-signed');
});

step('the signed copy and the certificate download as PDFs', async () => {
	assert.ok(signed, 'the agreement was signed (see the step before)');
	const cert = await download(person, person.locator('a:has-text("Certificate of completion")'),
				    'certificate.pdf');
	assert.match(cert, /Certificate of completion/);
	assert.match(cert, new RegExp(contact.name));
	assert.match(cert, /How to verify/);
	assert.match(cert, /Standard of Care Agreement/);
	// The table of initials: a row for each, the declined safeguard's among
	// them (pdftotext -layout keeps a row's first line: clause, initials, date).
	assert.match(cert, /\bInitials\b/);
	const initials = cert.split('\n').filter((l) =>
		/^\s*\d+\.\d+ .*\sML\s+\d{4}-\d\d-\d\d\s/.test(l));
	assert.equal(initials.length, marks, `the certificate lists each initial:\n${initials.join('\n')}`);
	assert.equal(initials.filter((l) => l.trim().startsWith(declinedNumber + ' ')).length,
		     declinedMarks, `the declined safeguard's initials (clause ${declinedNumber})`);

	const copy = await download(person, person.locator('a:has-text("Download the signed copy")'),
				    'signed.pdf');
	assert.match(copy, /Accepted by/);
	assert.match(copy, /Standard of Care Agreement/);
	assert.match(copy, new RegExp(contact.name));
	assert.match(copy, /Certificate of completion/, 'the certificate is appended');
	// Each page of the issued document carries the acceptance line, readable
	// (not printed over the page's own text).
	const pages = copy.split('\f').filter((pg) => /Page \d+ of/.test(pg));
	const issued = pages.filter((pg) => !/^\s*Certi(fi|\ufb01)cate of completion/.test(pg));
	assert.ok(issued.length >= 5 && issued.length < pages.length,
		  `the signed copy has the document's pages, then the certificate's (${issued.length} of ${pages.length})`);
	const line = new RegExp(`^Accepted by ${contact.name}, ${contact.title} on ` +
				'\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC .*Certificate of completion follows\\.$', 'm');
	const unstamped = issued.map((pg, i) => i + 1).filter((n) => !line.test(issued[n - 1]));
	if (unstamped.length)
		problems.push(`signed copy: the acceptance line is missing or garbled on page(s) ` +
			      `${unstamped.join(', ')} of ${issued.length} (printed over the page's text?)`);
});

step('staff see the agreement signed, and the record verifies', async () => {
	assert.ok(signed, 'the agreement was signed (see the step before)');
	await clientPage();
	const row = acceptanceRow('Standard of Care Agreement');
	assert.equal(await row.count(), 1);
	const text = await row.textContent();
	assert.match(text, /signed \d{4}-\d\d-\d\d by /);
	assert.match(text, new RegExp(contact.name));
	assert.equal(await row.locator('a:has-text("certificate")').count(), 1);
	assert.equal(await row.locator('a:has-text("signed copy")').count(), 1);
	assert.match(await staff.locator('#acceptance ~ table').nth(1).textContent(),
		     new RegExp(`${contact.name}.*active`, 's'), 'the contact is active');
	await check(staff, 'portal-staff-client');
	await staff.evaluate(() => document.getElementById('acceptance').scrollIntoView());
	await staff.screenshot({ path: join(artifacts, 'portal-staff-acceptance.png') });
	verify();
});

step('the contact refuses the Business Associate Addendum', async () => {
	assert.ok(person, 'the contact is signed in (see the steps before)');
	await person.goto(url + 'portal');
	await person.click('ul.docs a:has-text("HIPAA Business Associate Addendum")');
	await person.waitForURL(/\/portal\/documents\/\d+\/[^/]+$/);
	const baa = person.url();
	assert.match(await person.textContent('h1'), /HIPAA Business Associate Addendum/);
	await person.fill('#reason', 'Our lawyer is reviewing the addendum first.');
	await reachable(person.locator('section.refuse button:has-text("Refuse")'), 'the Refuse button');
	await person.click('section.refuse button:has-text("Refuse")');
	await person.waitForLoadState();
	assert.equal(person.url(), baa, 'refused: ' + (await person.locator('.error').allTextContents()));
	assert.match(await person.locator('p.ok[role=status]').textContent(),
		     /^Refused on \d{4}-\d\d-\d\d\./);
	assert.equal(await person.locator('section#sign').count(), 0);
	await checkPhone(person, 'portal-refused');

	await person.goto(url + 'portal');
	const rows = person.locator('table tbody tr');
	if (signed)
		assert.match(await rows.filter({ hasText: 'Standard of Care Agreement' }).textContent(),
			     /signed/);
	assert.match(await rows.filter({ hasText: 'HIPAA Business Associate Addendum' }).textContent(),
		     /refused/);
	const waiting = await person.locator('ul.docs').textContent();
	assert.doesNotMatch(waiting, /Business Associate/, 'the refused addendum no longer waits');
	if (signed)
		assert.doesNotMatch(waiting, /Standard of Care Agreement/);
	await checkPhone(person, 'portal-home-after');

	await clientPage();
	assert.match(await acceptanceRow('HIPAA Business Associate Addendum').textContent(), /refused/);
	verify();
});
