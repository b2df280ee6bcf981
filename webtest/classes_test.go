package webtest

// personaClasses is the persona's category setting (ActivityWatch
// "classes"), as the Settings page saves it.
const personaClasses = `[
 {"id":1,"name":["Work"],"rule":{"type":"none"},"data":{"color":"#2f7d6d","score":1}},
 {"id":2,"name":["Work","Programming"],"rule":{"type":"regex","regex":"Visual Studio Code|xterm|GitHub|Go Packages","ignore_case":true},"data":{"color":"#3b8f7c","score":2}},
 {"id":3,"name":["Work","Documents"],"rule":{"type":"regex","regex":"Google Docs|Jira"},"data":{"color":"#56a08e","score":1}},
 {"id":4,"name":["Comms"],"rule":{"type":"regex","regex":"Slack|Thunderbird|Zoom","ignore_case":true},"data":{"color":"#5b7fa6","score":0}},
 {"id":5,"name":["Media","Video"],"rule":{"type":"regex","regex":"YouTube|Bilibili","ignore_case":true},"data":{"color":"#d0776a","score":-2}},
 {"id":6,"name":["Media","Social Media"],"rule":{"type":"regex","regex":"Twitter|reddit","ignore_case":true},"data":{"color":"#d98c5f","score":-2}},
 {"id":7,"name":["Uncategorized"],"rule":{"type":"none"},"data":{"color":"#b8b2a7","score":0}}
]`
