// `tk-signup` keeps the tab's draft (values and step) in sessionStorage, so that a reload loses nothing.
// Every test here starts as a fresh tab would: without the draft an earlier test left.
beforeEach(() => sessionStorage.clear());
