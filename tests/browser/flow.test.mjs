// flow.test.mjs - the web application in Debian's Chromium, driven by
// Playwright: sign in, add a client, complete the intake, assign an owner,
// decline a safeguard, download the agreement; a screenshot of each main
// page (kept in $ARTIFACTS) and an accessibility check of each with axe-core
// (no serious or critical violations).
//
// Run by CTest as browser_flow; needs PRUDENT (the binary) and SOURCE_DIR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const prudent = process.env.PRUDENT;
const source = process.env.SOURCE_DIR;
const artifacts = process.env.ARTIFACTS || mkdtempSync(join(tmpdir(), 'prudent-shots-'));
const work = mkdtempSync(join(tmpdir(), 'prudent-browser-'));
const env = { ...process.env, PRUDENT_DB: join(work, 'p.db'), PRUDENT_USER: 'browser test',
	      PRUDENT_NOW: '2026-11-27T12:00:00Z' };
const email = 'owner@browser.example', password = 'a long browser password';
let server, url, browser, page, serverErr = '';

function cli(args, input) {
	return execFileSync(prudent, args, { env, input, encoding: 'utf8' });
}

before(async () => {
	mkdirSync(artifacts, { recursive: true });
	cli(['init', '--name', 'Browser MSP']);
	cli(['user', 'add', email, '--role', 'owner'], password + '\n');
	server = spawn(prudent, ['serve', '--port', '0', '--quiet'], { env });
	server.stderr.on('data', (d) => { serverErr += d; });
	url = await new Promise((resolve, reject) => {
		let out = '';
		server.stdout.on('data', (d) => {
			out += d;
			const m = out.match(/Listening on (\S+)/);
			if (m) resolve(m[1]);
		});
		server.on('exit', (code) => reject(new Error(`prudent serve exited ${code}`)));
	});
	browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
		       '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
	const context = await browser.newContext({ acceptDownloads: true });
	page = await context.newPage();
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

// A screenshot, and no serious or critical accessibility problem.
async function check(name) {
	await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
	const result = await new AxeBuilder({ page }).analyze();
	const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), [],
			 `accessibility problems on ${name}`);
}

// The bright-smile-dental profile as form fields: dotted keys and values.
function fields(obj, prefix = '', out = {}) {
	for (const [k, v] of Object.entries(obj)) {
		const key = prefix + k;
		if (v && typeof v === 'object' && !Array.isArray(v))
			fields(v, key + '.', out);
		else
			out[key] = v;
	}
	return out;
}

async function answer(profile) {
	for (const [key, value] of Object.entries(profile)) {
		const inputs = page.locator(`[name="${key}"]:not([type=hidden])`);
		if (await inputs.count() === 0)
			continue; // not asked (yet)
		const type = await inputs.first().getAttribute('type');
		if (type === 'radio') {
			const v = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
			await page.locator(`[name="${key}"][value="${v}"]`).check();
		} else if (type === 'checkbox') {
			for (const box of await inputs.all())
				await box.setChecked(value.includes(await box.getAttribute('value')));
		} else {
			await inputs.first().fill(Array.isArray(value) ? value.join(', ') : String(value));
		}
	}
}

test('sign in, add a client, intake, owner, decline, download', async () => {
	await page.goto(url);
	assert.match(page.url(), /\/login/);
	await check('login');
	await page.fill('#email', email);
	await page.fill('#password', password);
	await page.click('button[type=submit]');
	await page.waitForURL(url);
	await check('dashboard');

	await page.goto(url + 'clients');
	await page.fill('#name', 'Browser Dental');
	await page.click('text=Add the client');
	await page.waitForURL(/\/clients\/browser-dental$/);
	await check('client-new');

	await page.click('text=Answer the intake questionnaire');
	await check('intake');
	const profile = fields(JSON.parse(readFileSync(
		join(source, 'tests/fixtures/profiles/bright-smile-dental.json'), 'utf8')));
	profile.name = 'Browser Dental';
	for (let round = 0; round < 5 && /\/intake$/.test(page.url()); round++) {
		await answer(profile);
		await page.click('text=Save the answers');
		await page.waitForLoadState();
	}
	assert.match(page.url(), /\/clients\/browser-dental$/, 'the intake was saved: ' +
		     (await page.locator('.error').allTextContents()).join(' | '));
	assert.match(await page.textContent('main'), /HIPAA Security Rule/);
	await check('client');

	// Assign an owner, then decline a safeguard.
	await page.selectOption('#safeguard', 'vendor-contracts');
	await page.selectOption('#action', 'third-party');
	await page.fill('#party', 'Dental Law Partners LLP');
	await page.click('text=Record it');
	await page.waitForURL(/#matrix$/);
	await page.selectOption('#safeguard', 'penetration-testing');
	await page.selectOption('#action', 'decline');
	await page.fill('#decided_by', 'Dr. Ana Lee, Owner');
	await page.fill('#reason', 'Not this year');
	await page.selectOption('#impact', '4');
	await page.selectOption('#likelihood', '3');
	await page.fill('#insurance', 'The policy asks for a yearly test');
	await page.click('text=Record it');
	await page.waitForURL(/#matrix$/);
	const matrix = await page.textContent('#matrix + .scroll');
	assert.match(matrix, /Declined/);
	assert.match(matrix, /Dental Law Partners LLP/);

	// The agreement, downloaded as the browser does it.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.click('a[href="/clients/browser-dental/documents/agreement?format=pdf"]'),
	]);
	const pdf = join(work, 'agreement.pdf');
	await download.saveAs(pdf);
	assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
	assert.ok(statSync(pdf).size > 20000, 'the agreement PDF has its pages');

	await page.goto(url + 'library');
	await check('library');
	await page.goto(url + 'library/hipaa-security');
	await check('framework');
	await page.goto(url + 'library/crosswalk');
	await page.selectOption('#from', 'hipaa-security');
	await page.selectOption('#to', 'nist-csf-2.0');
	await page.click('text=Show');
	assert.match(await page.textContent('main'), /164\.308\(a\)\(1\)\(i\)/);
	await check('crosswalk');
	await page.goto(url + 'settings');
	await check('settings');
	await page.goto(url + 'users');
	await check('users');
	await page.goto(url);
	await check('dashboard-with-client');

	// Readable on a phone.
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto(url + 'clients/browser-dental');
	await check('client-phone');
});
