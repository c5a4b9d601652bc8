import { ConfigError } from "../errors/blockwork-error.ts";

const API_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/;

export interface ApiNameRequest {
  /** Set by the app: must be unique. */
  readonly explicit: string | undefined;
  /** Derived from the handler's name: gets a suffix when taken. */
  readonly fallback: string;
  /** How errors name the listener. */
  readonly describe: string;
}

/** Gives each listener a unique API name; explicit names are served first so that they never get a suffix. */
export function resolveApiNames(requests: readonly ApiNameRequest[]): string[] {
  const taken = new Set<string>();
  const names: (string | undefined)[] = requests.map((r) => {
    if (r.explicit === undefined) return undefined;
    if (!API_NAME.test(r.explicit)) {
      throw new ConfigError(`${r.describe}: apiName "${r.explicit}" must be a letter or _ then letters, digits, _ or - (at most 100)`);
    }
    if (taken.has(r.explicit)) throw new ConfigError(`${r.describe}: apiName "${r.explicit}" is already used by another listener`);
    taken.add(r.explicit);
    return r.explicit;
  });
  return requests.map((r, i) => {
    const explicit = names[i];
    if (explicit !== undefined) return explicit;
    const base = sanitize(r.fallback);
    let name = base;
    for (let n = 1; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    return name;
  });
}

function sanitize(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 90);
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : "predict";
}
