/**
 * Opens a short-lived (presigned) link in a new tab. The tab is opened synchronously, before the link is
 * fetched, so that pop-up blockers let it through; it is pointed at the URL once it arrives. On failure the
 * blank tab is closed and the error is rethrown for the caller to show.
 */
export const openFetchedLink = async (fetchUrl: () => Promise<string>): Promise<void> => {
  const tab = window.open('about:blank', '_blank');
  try {
    const url = await fetchUrl();
    if (tab) {
      tab.opener = null;
      tab.location.href = url;
    } else window.location.assign(url);
  } catch (failure) {
    tab?.close();
    throw failure;
  }
};
