/**
 * The ecomap's geometry: every visible service drawn once, joined to its member, styled
 * by its status; boxes never overlap and stay inside the picture, whatever the family.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fit, layoutEcomap, strokeOf, type EcomapService } from '../../src/lib/ecomap';

const members = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `m${i}`, name: `Member ${i}`, age: 10 + i }));
const service = (id: string, subject: string, status = 'active'): EcomapService => ({ id, subject, name: `Service ${id}`, providerName: 'Provider', status });

describe('ecomap', () => {
	it.each([['active', 'current'], ['ended', 'past'], ['planned', 'planned']])('a service %s is drawn %s', (status, stroke) => {
		expect(strokeOf(status)).toBe(stroke);
		const map = layoutEcomap(members(1), [service('s', 'm0', status)], []);
		expect(map.services[0].stroke).toBe(stroke);
	});

	it('joins each service to the member who receives it, and draws nothing for an unknown member', () => {
		const map = layoutEcomap(members(3), [service('a', 'm1'), service('b', 'm2'), service('c', 'nobody')], []);
		expect(map.services.map((s) => s.id)).toEqual(['a', 'b']);
		for (const s of map.services) {
			const member = map.members.find((m) => m.id === `m${s.id === 'a' ? 1 : 2}`)!;
			expect(s.member).toEqual({ x: member.x, y: member.y });
		}
	});

	it("places a member's only service on that member's side of the circle", () => {
		const map = layoutEcomap(members(3), [service('a', 'm1')], []);
		const [s] = map.services;
		const member = map.members[1];
		const side = (p: { x: number; y: number }) => Math.atan2(p.y - map.centre.y, p.x - map.centre.x);
		expect(Math.abs(side(s) - side(member))).toBeLessThan(0.01);
	});

	it('lists the coordinator first in the team band', () => {
		const map = layoutEcomap(members(2), [], [
			{ id: 'p1', name: 'Member', role: 'member', organisation: 'O' },
			{ id: 'p2', name: 'Coordinator', role: 'coordinator', organisation: 'O' }
		]);
		expect(map.team.map((p) => [p.id, p.coordinator])).toEqual([['p2', true], ['p1', false]]);
	});

	it('cuts long labels with an ellipsis and keeps short ones', () => {
		expect(fit('Short', 10)).toBe('Short');
		expect(fit('A rather long service name', 10)).toBe('A rather…');
		expect(fit('A rather long service name', 10).length).toBeLessThanOrEqual(10);
	});

	it('boxes never overlap, stay inside the picture and clear the family circle (any family)', () => {
		const family = fc.record({
			size: fc.integer({ min: 1, max: 6 }),
			subjects: fc.array(fc.nat(5), { maxLength: 16 }),
			team: fc.integer({ min: 0, max: 9 })
		});
		fc.assert(fc.property(family, ({ size, subjects, team }) => {
			const services = subjects.map((m, i) => service(`s${i}`, `m${m % size}`, ['active', 'ended', 'planned'][i % 3]));
			const people = Array.from({ length: team }, (_, i) => ({ id: `p${i}`, name: `P${i}`, role: i === 0 ? 'coordinator' as const : 'member' as const, organisation: 'O' }));
			const map = layoutEcomap(members(size), services, people);
			const { width: w, height: h } = map.box;
			expect(map.services).toHaveLength(services.length);
			for (const [i, a] of map.services.entries()) {
				expect(a.x - w / 2).toBeGreaterThanOrEqual(0);
				expect(a.x + w / 2).toBeLessThanOrEqual(map.width);
				expect(a.y - h / 2).toBeGreaterThanOrEqual(0);
				expect(a.y + h / 2).toBeLessThan(map.teamTop);
				expect(Math.hypot(a.x - map.centre.x, a.y - map.centre.y)).toBeGreaterThan(map.familyRadius);
				for (const b of map.services.slice(i + 1)) {
					const apart = Math.abs(a.x - b.x) >= w || Math.abs(a.y - b.y) >= h;
					expect(apart, `${a.id} and ${b.id} overlap`).toBe(true);
				}
			}
			for (const p of map.team) {
				expect(p.x - map.personWidth / 2).toBeGreaterThanOrEqual(0);
				expect(p.x + map.personWidth / 2).toBeLessThanOrEqual(map.width);
				expect(p.y + h / 2).toBeLessThanOrEqual(map.height);
			}
			for (const m of map.members) expect(Math.hypot(m.x - map.centre.x, m.y - map.centre.y) + map.memberRadius).toBeLessThanOrEqual(map.familyRadius);
		}), { numRuns: 300 });
	});
});
