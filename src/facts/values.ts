/** Fact values on subjects: what conditions compare and messages quote. */
import type { Scope } from "../model/rule.js";
import { FACT_DECLARATIONS, type FactDeclaration } from "./catalog.js";
import type { Subject } from "./subjects.js";

/** The declared facts of each scope, by name. */
const FACTS_BY_NAME = new Map(Object.entries(FACT_DECLARATIONS).map(([scope, facts]) => [scope as Scope, new Map(facts.map((f) => [f.name, f]))]));

/** The declaration of a fact of a scope, if there is one. */
export function factDeclaration(scope: Scope, name: string): FactDeclaration | undefined {
  return FACTS_BY_NAME.get(scope)?.get(name);
}

/** The value of a fact on a subject of its scope (a subject holds every input of its scope). */
export function factValue(fact: FactDeclaration, subject: Subject): unknown {
  return (fact.value as (inputs: Subject) => unknown)(subject);
}

/** The value of a fact named in a rule, on a subject (undefined for a fact its scope does not have). */
export function namedFactValue(name: string, subject: Subject): unknown {
  const fact = factDeclaration(subject.scope, name);
  return fact ? factValue(fact, subject) : undefined;
}
