/** The server's capability list (RFC 3501 §7.2.1), forgotten after STARTTLS and re-read after login. */
export class Capabilities {
  #set = new Set<string>();
  #known = false;

  /** False until the server told us (greeting code, CAPABILITY response, or tagged OK code). */
  get known(): boolean {
    return this.#known;
  }

  replace(list: readonly string[]): void {
    this.#set = new Set(list.map((c) => c.toUpperCase()));
    this.#known = true;
  }

  /** RFC 3501 §6.2.1: after STARTTLS everything learned before is void. */
  forget(): void {
    this.#set.clear();
    this.#known = false;
  }

  has(name: string): boolean {
    return this.#set.has(name.toUpperCase());
  }

  /** SASL mechanisms from AUTH=… entries. */
  get authMechanisms(): string[] {
    return [...this.#set].filter((c) => c.startsWith('AUTH=')).map((c) => c.slice(5));
  }

  /** RFC 7889 APPENDLIMIT=n, when the server announced a global one. */
  get appendLimit(): number | undefined {
    for (const c of this.#set) {
      const m = /^APPENDLIMIT=(\d+)$/.exec(c);
      if (m !== null) return Number(m[1]);
    }
    return undefined;
  }

  get literalMode(): 'sync' | 'plus' | 'minus' {
    if (this.has('LITERAL+')) return 'plus';
    if (this.has('LITERAL-')) return 'minus';
    return 'sync';
  }

  list(): string[] {
    return [...this.#set].sort();
  }
}
