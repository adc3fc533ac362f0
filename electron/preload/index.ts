import { contextBridge, ipcRenderer } from 'electron';
import { buildPreloadApi } from './api.js';

/** Exposes exactly the contract as window.tegami in the isolated, sandboxed page. */
contextBridge.exposeInMainWorld('tegami', buildPreloadApi(ipcRenderer));
