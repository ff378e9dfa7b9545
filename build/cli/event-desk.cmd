@echo off
rem `event-desk` on the PATH of an installed Event Desk (Windows; the installer adds this folder,
rem <install dir>\resources\cli, to the PATH): the app's own runtime in Node mode runs the CLI
rem bundle from the app's archive, so the command needs no Node of its own.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\Event Desk.exe" "%~dp0..\app.asar\bin\event-desk.js" %*
exit /b %ERRORLEVEL%
