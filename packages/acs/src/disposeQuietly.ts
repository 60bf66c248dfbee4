/** Runs an SDK object's `dispose`, ignoring what it throws: teardown goes on. */
export async function disposeQuietly(dispose: () => Promise<void> | void): Promise<void> {
  try {
    await dispose();
  } catch {
    // A failed dispose of one SDK object must not keep the others alive.
  }
}
