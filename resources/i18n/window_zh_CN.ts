<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>lossgui is shown in {language}.</source>
        <translation>lossgui 当前以{language}显示。</translation>
    </message>
    <message>
        <source>lossgui starts in {language} next time.</source>
        <translation>lossgui 下次启动时将以{language}显示。</translation>
    </message>
</context>
</TS>
