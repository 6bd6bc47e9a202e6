import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { addDays, helsinkiToday } from '../../src/lib/server/time';
import { expectAccessible, signIn } from './helpers';

/**
 * The coordinator's tools change a family: each test gets a family of its own, written
 * into the running server's database (the record cache follows the triggers), so that
 * the demo families other tests read stay as they are.
 */
function seedFamily(id: string) {
	const db = new Database(process.env.E2E_DATABASE_PATH!);
	const today = helsinkiToday();
	db.transaction(() => {
		db.prepare('INSERT INTO families (id, name, stage, path) VALUES (?, ?, ?, ?)')
			.run(id, `Testiperhe ${id}`, 'working', JSON.stringify([{ stage: 'working', from: addDays(today, -30) }]));
		db.prepare('INSERT INTO members (id, family_id, name, birth_date) VALUES (?, ?, ?, ?)').run(`${id}-parent`, id, 'Paula', '1985-05-05');
		db.prepare('INSERT INTO members (id, family_id, name, birth_date) VALUES (?, ?, ?, ?)').run(`${id}-child`, id, 'Kalle', addDays(today, -10 * 366));
		db.prepare('INSERT INTO custody (child_id, custodian_id) VALUES (?, ?)').run(`${id}-child`, `${id}-parent`);
		db.prepare("INSERT INTO team_memberships (family_id, professional_id, role, \"from\") VALUES (?, 'pro-johanna', 'coordinator', ?)").run(id, addDays(today, -60));
	})();
	db.close();
}

/** Opens every folded form, so that axe checks them too. */
async function openAll(page: Page) {
	await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
}

test('the coordinator moves the path on, keeps services, goals, tasks and assessment notes', async ({ page }) => {
	const family = `fam-e2e-a${Date.now()}`;
	seedFamily(family);
	await signIn(page, 'johanna');
	await page.goto(`/pro/families/${family}`);
	await openAll(page);
	await expectAccessible(page);

	const tools = page.locator('section[aria-labelledby="tools-heading"]');
	await tools.getByLabel('Vaihe').selectOption('review');
	await tools.getByRole('button', { name: 'Tallenna vaihe' }).click();
	await expect(page.getByRole('status')).toHaveText('Tallennettu.');
	await expect(page.locator('section[aria-labelledby="path-heading"] [aria-current="step"]')).toHaveAttribute('data-stage', 'review');

	await tools.getByText('Palvelut', { exact: true }).click();
	await tools.getByLabel('Kenen palvelu').selectOption({ label: 'Kalle' });
	await tools.getByLabel('Palvelun nimi').fill('Koulupsykologi');
	await tools.getByLabel('Järjestäjä').selectOption({ label: 'Vuosaaren peruskoulu' });
	await tools.getByRole('button', { name: 'Lisää palvelu' }).click();
	await expect(page.getByRole('status')).toHaveText('Tallennettu.');
	const service = page.locator('section[aria-labelledby="services-heading"] li', { hasText: 'Koulupsykologi' });
	await expect(service).toContainText('käynnissä');
	await tools.getByText('Palvelut', { exact: true }).click();
	await page.getByRole('button', { name: 'Päätä palvelu Koulupsykologi (Kalle)' }).click();
	await expect(page.locator('section[aria-labelledby="services-heading"] li', { hasText: 'Koulupsykologi' })).toContainText('päättynyt');

	// A note without text: a clear error, nothing saved, the choices kept.
	const team = page.locator('section[aria-labelledby="team-tools-heading"]');
	await team.getByText('Kirjaa arvio').click();
	await team.getByLabel('Ketä arvio koskee').selectOption({ label: 'Kalle' });
	await team.getByRole('button', { name: 'Tallenna arvio' }).click();
	await expect(page.getByRole('alert')).toHaveText('Tarkista merkityt kentät. Mitään ei tallennettu.');
	await expect(page.locator('#addAssessment-text-error')).toHaveText('Tämä kenttä on pakollinen.');
	await expect(page.locator('section[aria-labelledby="team-tools-heading"]').getByLabel('Ketä arvio koskee')).toHaveValue(`${family}-child`);
	await expectAccessible(page);
	const note = `Kalle kertoo nukkuvansa huonosti ${Date.now()}`;
	await page.locator('section[aria-labelledby="team-tools-heading"]').getByLabel('Arvio', { exact: true }).fill(note);
	await page.locator('section[aria-labelledby="team-tools-heading"]').getByLabel('Arvioinnin alue').selectOption('mental-health');
	await page.locator('section[aria-labelledby="team-tools-heading"]').getByRole('button', { name: 'Tallenna arvio' }).click();
	const written = page.locator('section[aria-labelledby="assessments-heading"] article', { hasText: note });
	await expect(written).toContainText('Psyykkinen terveys');
	await expect(written).toContainText('Johanna Lehtonen');

	await team.getByText('Tavoitteet ja tehtävät', { exact: true }).click();
	await page.getByLabel('Tavoite', { exact: true }).first().fill('Kallen unirytmi tasaantuu');
	await page.getByRole('button', { name: 'Lisää tavoite' }).click();
	await expect(page.locator('section[aria-labelledby="plan-heading"]')).toContainText('Kallen unirytmi tasaantuu');
	await team.getByText('Tavoitteet ja tehtävät', { exact: true }).click();
	await page.getByLabel('Kuka tekee').selectOption({ label: 'Paula' });
	await page.getByLabel('Tehtävä', { exact: true }).fill('Iltarutiini kirjaksi');
	await page.getByRole('button', { name: 'Lisää tehtävä' }).click();
	await expect(page.locator('section[aria-labelledby="plan-heading"]')).toContainText('Iltarutiini kirjaksi');
});

test('the coordinator builds the team, records a decision given on paper, sets, changes and lifts a block (English)', async ({ page }) => {
	const family = `fam-e2e-b${Date.now()}`;
	seedFamily(family);
	await page.goto('/login');
	await page.getByLabel('Kieli').selectOption('en');
	await page.getByRole('button', { name: 'Vaihda' }).click();
	await signIn(page, 'johanna');
	await page.goto(`/pro/families/${family}`);
	const tools = page.locator('section[aria-labelledby="tools-heading"]');

	await tools.getByText('Team', { exact: true }).click();
	await tools.getByLabel('Professional').selectOption({ label: 'Pekka Laine (Vuosaaren peruskoulu)' });
	await tools.getByRole('button', { name: 'Add to the team' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	await expect(page.locator('section[aria-labelledby="team-heading"]')).toContainText('Pekka Laine');
	// A second coordinator at the same time is refused with a reason.
	await tools.getByText('Team', { exact: true }).click();
	await tools.getByLabel('Professional').selectOption({ label: 'Anna Virtanen (Itäisen alueen lastensuojelu)' });
	await tools.getByLabel('Role').selectOption('coordinator');
	await tools.getByRole('button', { name: 'Add to the team' }).click();
	await expect(page.getByText('A family has one responsible social worker at a time.')).toBeVisible();

	await tools.getByText('Record a decision given on paper').click();
	await tools.getByLabel('Who decided').selectOption({ label: 'Paula' });
	await tools.getByLabel('Whose information').selectOption({ label: 'Kalle' });
	await tools.getByLabel('To whom').selectOption({ label: 'Pekka Laine (Vuosaaren peruskoulu)' });
	await tools.getByRole('checkbox', { name: 'services' }).check();
	await tools.getByRole('button', { name: 'Save the decision' }).click();
	await expect(page.getByRole('status')).toHaveText('Your decision was saved.');
	await expect(page.locator('section[aria-labelledby="consents-heading"]')).toContainText('Paula → Pekka Laine');

	await tools.getByText('Team', { exact: true }).click();
	await tools.getByRole('button', { name: 'End the membership of Pekka Laine' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	await expect(page.locator('section[aria-labelledby="team-heading"]')).not.toContainText('Pekka Laine');

	await tools.getByText('Blocks', { exact: true }).click();
	await tools.getByLabel('Whom to block').selectOption({ label: 'Paula' });
	await tools.getByLabel('Scope').selectOption({ label: 'concerning Kalle' });
	await tools.getByLabel('Reason').last().selectOption('violence');
	await tools.getByLabel('Review date').last().fill(addDays(helsinkiToday(), 30));
	await tools.getByRole('button', { name: 'Set a block' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	const blocks = page.locator('section[aria-labelledby="blocks-heading"]');
	await expect(blocks).toContainText('Paula');
	await openAll(page);
	await expectAccessible(page);
	await tools.locator('[data-block]').getByLabel('Note for the team (optional)').fill('Court hearing in March');
	await tools.locator('[data-block]').getByRole('button', { name: 'Save the changes' }).click();
	await expect(page.locator('section[aria-labelledby="blocks-heading"]')).toContainText('Court hearing in March');
	await page.locator('section[aria-labelledby="tools-heading"]').getByText('Blocks', { exact: true }).click();
	await page.getByRole('button', { name: 'Lift the block of Paula' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	await page.locator('section[aria-labelledby="tools-heading"]').getByText('Blocks', { exact: true }).click();
	await expect(page.getByRole('button', { name: 'Lift the block of Paula' })).toHaveCount(0);

	// The maturity judgement for a child under 12.
	await page.locator('section[aria-labelledby="tools-heading"]').getByText(/Children: maturity/).click();
	await page.getByLabel(/Kalle, \d+: maturity judgement/).selectOption('true');
	await page.locator('form[action="?/setMature"]').getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	await page.locator('section[aria-labelledby="tools-heading"]').getByText(/Children: maturity/).click();
	await expect(page.getByLabel(/Kalle, \d+: maturity judgement/)).toHaveValue('true');
});

test('a team member sees no coordinator tools, and a write the policy refuses changes nothing', async ({ page }) => {
	await signIn(page, 'mikko');
	await page.goto('/pro/families/fam-haddad');
	await expect(page.locator('section[aria-labelledby="tools-heading"]')).toHaveCount(0);
	await expect(page.locator('section[aria-labelledby="team-tools-heading"]')).toBeVisible();
	// Mikko may not see Yasmin's assessments (no consent): a note about her is refused.
	const team = page.locator('section[aria-labelledby="team-tools-heading"]');
	await team.getByText('Kirjaa arvio').click();
	await team.getByLabel('Ketä arvio koskee').selectOption({ label: 'Yasmin' });
	await team.getByLabel('Arvio', { exact: true }).fill('Ei pitäisi tallentua');
	await team.getByRole('button', { name: 'Tallenna arvio' }).click();
	await expect(page.getByRole('alert')).toHaveText('Sinulla ei ole oikeutta tähän.');
	expect(await page.content()).not.toContain('Ei pitäisi tallentua</p>');
	await expectAccessible(page);
});
