import { describe, expect, it } from "vitest";
import { href, isRouteHash, parseHash, type Route } from "./router";

describe("parseHash", () => {
  it.each<[string, Route]>([
    ["", { name: "ideas" }],
    ["#", { name: "ideas" }],
    ["#/", { name: "ideas" }],
    ["#/ideas", { name: "ideas" }],
    ["#/ideas/", { name: "ideas" }],
    ["#/ideas/42", { name: "idea", id: 42 }],
    ["#/ideas/new", { name: "newIdea" }],
    ["#/ideas/42/edit", { name: "editIdea", id: 42 }],
    ["#/settings", { name: "settings" }],
    ["#/challenges/new", { name: "newChallenge" }],
  ])("reads %j as the %o route", (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it.each(["#/ideas/0", "#/ideas/042", "#/ideas/4e2", "#/ideas/42/delete", "#/ideas/new/edit", "#/nowhere", "#/challenges"])(
    "treats %j as a page that does not exist rather than guessing",
    (hash) => {
      expect(parseHash(hash).name).toBe("notFound");
    },
  );

  it("round-trips every route through href", () => {
    const routes: Route[] = [
      { name: "ideas" },
      { name: "idea", id: 7 },
      { name: "newIdea" },
      { name: "editIdea", id: 7 },
      { name: "settings" },
      { name: "newChallenge" },
    ];
    for (const route of routes) expect(parseHash(href(route))).toEqual(route);
  });
});

describe("isRouteHash", () => {
  it("leaves in-page anchors (skip link, error summary links) to the page", () => {
    expect(isRouteHash("#main-content")).toBe(false);
    expect(isRouteHash("#title")).toBe(false);
    expect(isRouteHash("#/ideas")).toBe(true);
    expect(isRouteHash("")).toBe(true);
  });
});
