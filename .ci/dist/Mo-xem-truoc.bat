@echo off
rem Double-click: the editor's desk of the campaign in the folder
rem "chien-dich", opened in the browser by loa itself (port 1111, or a free
rem one when it is taken). Close this window to stop.
chcp 65001 >nul
cd /d "%~dp0chien-dich" || (echo Khong tim thay thu muc chien-dich & pause & exit /b 1)
"%~dp0loa.exe"
pause
