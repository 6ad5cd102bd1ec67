export const id = 515;
export const ids = [515];
export const modules = {

/***/ 6515:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   githubIdToken: () => (/* binding */ githubIdToken)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _engine_oidc_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4364);
/** The job's GitHub ID token, from the runner's token endpoint through @actions/core. */


/** Fetches the job's ID token for `audience`; a job without `id-token: write` has none to give. */
async function githubIdToken(audience) {
    if (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL || !process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
        throw new _engine_oidc_js__WEBPACK_IMPORTED_MODULE_1__/* .NoIdTokenError */ .U('no GitHub ID token is available: give the job `permissions: id-token: write` (fork pull requests never get one)');
    }
    return _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getIDToken */ .V9(audience);
}


/***/ })

};
